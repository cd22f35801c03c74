package dev.clianalytics.server.storage;

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

  private DuckDbRowWriter(DuckDBConnection connection, String table) {
    this.connection = connection;
    this.table = table;
  }

  /** The appender fills every column in table order, so {@code columns} is only documentation. */
  static RowWriter open(Connection c, String table, String columns) throws SQLException {
    return new DuckDbRowWriter(c.unwrap(DuckDBConnection.class), table);
  }

  @Override
  public void add(Object... values) throws SQLException {
    if (appender == null) {
      appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }
    appender.beginRow();
    for (Object value : values) {
      switch (value) {
        case String s -> appender.append(s);
        case Long l -> appender.append(l.longValue());
        case Integer i -> appender.append(i.intValue());
        case Boolean b -> appender.append(b.booleanValue());
        case Instant t -> appender.appendEpochMicros(ChronoUnit.MICROS.between(Instant.EPOCH, t));
        default -> throw new SQLException("cannot append a " + value.getClass().getName());
      }
    }
    appender.endRow();
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
