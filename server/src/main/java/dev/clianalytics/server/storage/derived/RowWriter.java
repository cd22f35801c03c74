package dev.clianalytics.server.storage.derived;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Bulk rows into one table: binary COPY on PostgreSQL, the appender on DuckDB. A row is its values
 * in the table's column order, then {@link #endRow()}: {@code w.text(id).int64(start).endRow()}.
 * Typed calls rather than an {@code Object...} row: inference writes about a million values per
 * hundred thousand events, and boxing and type dispatch for each of them would cost more than
 * writing them. Values are never null.
 */
public interface RowWriter extends AutoCloseable {
  /** A {@code text} value. */
  RowWriter text(String value) throws SQLException;

  /** A {@code bigint} value. */
  RowWriter int64(long value) throws SQLException;

  /** An {@code integer} value. */
  RowWriter int32(int value) throws SQLException;

  /** A {@code boolean} value. */
  RowWriter bool(boolean value) throws SQLException;

  /** A {@code timestamptz} value. */
  RowWriter timestamp(Instant value) throws SQLException;

  /** Ends the row begun by the values since the last call. */
  void endRow() throws SQLException;

  /** Sends what is buffered; rows are then visible to later statements of the transaction. */
  void flush() throws SQLException;

  @Override
  void close() throws SQLException;

  /** Opens writers; rows may be sent in the background until {@link #sync()}. */
  @FunctionalInterface
  interface Factory {
    RowWriter open(java.sql.Connection c, String table, String columns) throws SQLException;

    /** As {@link #open}, for a table this transaction created, which nobody else can see yet. */
    default RowWriter openFresh(java.sql.Connection c, String table, String columns)
        throws SQLException {
      return open(c, table, columns);
    }

    /**
     * Runs {@code sql} on {@code c} after the rows flushed so far, in the background where rows are
     * written that way (so, like rows, only certainly done after {@link #sync()}).
     */
    default void later(java.sql.Connection c, String sql) throws SQLException {
      try (java.sql.Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    /**
     * Waits until every flushed row has reached the database, rethrowing the first failure. Call
     * before running any other statement on a connection rows were written to.
     */
    default void sync() throws SQLException {}
  }
}
