package dev.clianalytics.server.storage.duckdb;

import dev.clianalytics.server.storage.derived.RowWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Appends rows with DuckDB's appender inside the connection's transaction. */
final class DuckDbRowWriter implements RowWriter {
  private final DuckDBConnection connection;
  private final String table;
  private DuckDBAppender appender;
  private boolean inRow;

  private DuckDbRowWriter(DuckDBConnection connection, String table) {
    this.connection = connection;
    this.table = table;
  }

  /** The appender fills every column in table order, so {@code columns} is only documentation. */
  static RowWriter open(Connection c, String table, String columns) throws SQLException {
    return new DuckDbRowWriter(c.unwrap(DuckDBConnection.class), table);
  }

  private DuckDBAppender row() throws SQLException {
    if (appender == null) {
      appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }
    if (!inRow) {
      appender.beginRow();
      inRow = true;
    }
    return appender;
  }

  @Override
  public RowWriter text(String value) throws SQLException {
    row().append(value);
    return this;
  }

  @Override
  public RowWriter int64(long value) throws SQLException {
    row().append(value);
    return this;
  }

  @Override
  public RowWriter int32(int value) throws SQLException {
    row().append(value);
    return this;
  }

  @Override
  public RowWriter bool(boolean value) throws SQLException {
    row().append(value);
    return this;
  }

  @Override
  public RowWriter timestamp(Instant value) throws SQLException {
    row().appendEpochMicros(ChronoUnit.MICROS.between(Instant.EPOCH, value));
    return this;
  }

  @Override
  public void endRow() throws SQLException {
    row().endRow();
    inRow = false;
  }

  @Override
  public void flush() throws SQLException {
    if (appender != null) {
      appender.close();
      appender = null;
    }
  }

  @Override
  public void close() throws SQLException {
    flush();
  }
}
