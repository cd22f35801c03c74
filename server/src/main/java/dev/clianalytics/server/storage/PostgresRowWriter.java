package dev.clianalytics.server.storage;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Buffers rows as CSV and sends them with one COPY per few thousand rows. */
final class PostgresRowWriter implements RowWriter {
  private static final int ROWS_PER_COPY = 20_000;

  private final CopyManager copy;
  private final String sql;
  private final StringBuilder buffer = new StringBuilder(1 << 16);
  private int rows;

  private PostgresRowWriter(CopyManager copy, String sql) {
    this.copy = copy;
    this.sql = sql;
  }

  static RowWriter open(Connection c, String table, String columns) throws SQLException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    return new PostgresRowWriter(
        copy, "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)");
  }

  @Override
  public void add(Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        buffer.append(',');
      }
      append(values[i]);
    }
    buffer.append('\n');
    if (++rows >= ROWS_PER_COPY) {
      flush();
    }
  }

  private void append(Object value) {
    switch (value) {
      case String s -> buffer.append('"').append(s.replace("\"", "\"\"")).append('"');
      case Instant t -> buffer.append(t);
      default -> buffer.append(value);
    }
  }

  @Override
  public void flush() throws SQLException {
    if (rows == 0) {
      return;
    }
    try {
      copy.copyIn(sql, new StringReader(buffer.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), "08006", e);
    }
    buffer.setLength(0);
    rows = 0;
  }

  @Override
  public void close() throws SQLException {
    flush();
  }
}
