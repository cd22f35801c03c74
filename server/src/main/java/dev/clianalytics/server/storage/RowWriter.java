package dev.clianalytics.server.storage;

import java.sql.SQLException;

/**
 * Bulk rows into one table, in the table's column order: COPY on PostgreSQL, the appender on
 * DuckDB. Values are {@code String}, {@code Long}, {@code Integer}, {@code Boolean} or {@code
 * java.time.Instant} (for {@code timestamptz} columns); never null.
 */
interface RowWriter extends AutoCloseable {
  void add(Object... values) throws SQLException;

  /** Sends what is buffered; rows are then visible to later statements of the transaction. */
  void flush() throws SQLException;

  @Override
  void close() throws SQLException;

  /** Opens writers; rows may be sent in the background until {@link #sync()}. */
  @FunctionalInterface
  interface Factory {
    RowWriter open(java.sql.Connection c, String table, String columns) throws SQLException;

    /**
     * Waits until every flushed row has reached the database, rethrowing the first failure. Call
     * before running any other statement on a connection rows were written to.
     */
    default void sync() throws SQLException {}
  }
}
