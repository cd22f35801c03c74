package dev.clianalytics.server.storage;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Buffers rows as CSV and hands each full buffer to a {@link PostgresCopyPipe}, which sends it with
 * COPY in the background, so inference keeps computing while PostgreSQL stores rows.
 */
final class PostgresRowWriter implements RowWriter {
  private static final int ROWS_PER_COPY = 20_000;

  private final PostgresCopyPipe pipe;
  private final CopyManager copy;
  private final String sql;
  private StringBuilder buffer = new StringBuilder(1 << 16);
  private int rows;

  PostgresRowWriter(PostgresCopyPipe pipe, Connection c, String table, String columns)
      throws SQLException {
    this.pipe = pipe;
    this.copy = c.unwrap(PGConnection.class).getCopyAPI();
    this.sql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
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
      case String s when s.indexOf('"') < 0 -> buffer.append('"').append(s).append('"');
      case String s -> CopyCsv.text(buffer, s);
      case Instant t -> buffer.append(t);
      default -> buffer.append(value);
    }
  }

  @Override
  public void flush() throws SQLException {
    if (rows == 0) {
      return;
    }
    String csv = buffer.toString();
    buffer = new StringBuilder(Math.max(1 << 16, csv.length()));
    rows = 0;
    pipe.submit(
        () -> {
          try {
            copy.copyIn(sql, new StringReader(csv));
          } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), "08006", e);
          }
        });
  }

  @Override
  public void close() throws SQLException {
    flush();
  }
}
