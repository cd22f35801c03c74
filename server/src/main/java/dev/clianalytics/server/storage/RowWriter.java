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

  /** Opens a writer for one table on one connection. */
  @FunctionalInterface
  interface Factory {
    RowWriter open(java.sql.Connection c, String table, String columns) throws SQLException;
  }
}
