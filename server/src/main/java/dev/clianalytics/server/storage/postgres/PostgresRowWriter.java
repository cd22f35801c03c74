package dev.clianalytics.server.storage.postgres;

import dev.clianalytics.server.storage.derived.RowWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Buffers rows in PostgreSQL's binary COPY format and hands each full buffer to a {@link
 * PostgresCopyPipe}, which sends it in the background, so inference keeps computing while
 * PostgreSQL stores rows. Binary rows cost less to build here and to parse there than CSV; each
 * value must be written with the call matching its column's type.
 */
final class PostgresRowWriter implements RowWriter {
  private static final int ROWS_PER_COPY = 20_000;
  private static final int BYTES_PER_COPY = 1 << 20;
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** PostgreSQL counts timestamps in microseconds from 2000-01-01T00:00:00Z. */
  private static final Instant PG_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  private final PostgresCopyPipe pipe;
  private final CopyManager copy;
  private final String sql;
  private final String table;
  private final int columns;
  private int fields;
  private byte[] buffer = new byte[1 << 16];
  private int size;
  private int rows;

  PostgresRowWriter(
      PostgresCopyPipe pipe, Connection c, String table, String columns, boolean freeze)
      throws SQLException {
    this.pipe = pipe;
    this.copy = c.unwrap(PGConnection.class).getCopyAPI();
    this.table = table;
    this.columns = columns.split(",").length;
    this.sql =
        "COPY "
            + table
            + " ("
            + columns
            + ") FROM STDIN (FORMAT binary"
            + (freeze ? ", FREEZE)" : ")");
  }

  @Override
  public RowWriter text(String value) {
    field();
    text0(value);
    return this;
  }

  @Override
  public RowWriter int64(long value) {
    field();
    int32raw(8).int64raw(value);
    return this;
  }

  @Override
  public RowWriter int32(int value) {
    field();
    int32raw(4).int32raw(value);
    return this;
  }

  @Override
  public RowWriter bool(boolean value) {
    field();
    int32raw(1).int8(value ? 1 : 0);
    return this;
  }

  @Override
  public RowWriter timestamp(Instant value) {
    field();
    int32raw(8).int64raw(ChronoUnit.MICROS.between(PG_EPOCH, value));
    return this;
  }

  // The first value of a row starts it with the field count (and a COPY with the header).
  private void field() {
    if (fields == 0) {
      if (rows == 0) {
        bytes(HEADER, HEADER.length);
      }
      int16(columns);
    }
    fields++;
  }

  @Override
  public void endRow() throws SQLException {
    if (fields != columns) {
      throw new SQLException(
          "a row of " + table + " needs " + columns + " values, was given " + fields);
    }
    fields = 0;
    if (++rows >= ROWS_PER_COPY || size >= BYTES_PER_COPY) {
      flush();
    }
  }

  @Override
  public void flush() throws SQLException {
    if (rows == 0) {
      return;
    }
    if (fields != 0) {
      throw new SQLException("a row of " + table + " was left unfinished");
    }
    int16(-1);
    byte[] data = buffer;
    int length = size;
    buffer = new byte[Math.max(1 << 16, length)];
    size = 0;
    rows = 0;
    pipe.submit(
        () -> {
          CopyIn in = copy.copyIn(sql);
          try {
            in.writeToCopy(data, 0, length);
            in.endCopy();
          } finally {
            if (in.isActive()) {
              in.cancelCopy();
            }
          }
        });
  }

  @Override
  public void close() throws SQLException {
    flush();
  }

  // UTF-8 by hand: ASCII, the usual case, needs no intermediate array.
  private void text0(String s) {
    int n = s.length();
    int lengthAt = size;
    int32raw(0);
    room(n);
    int start = size;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        size = start;
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes(utf8, utf8.length);
        break;
      }
      buffer[size++] = (byte) c;
    }
    int length = size - start;
    buffer[lengthAt] = (byte) (length >>> 24);
    buffer[lengthAt + 1] = (byte) (length >>> 16);
    buffer[lengthAt + 2] = (byte) (length >>> 8);
    buffer[lengthAt + 3] = (byte) length;
  }

  private void room(int n) {
    if (size + n > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + n));
    }
  }

  private void bytes(byte[] b, int n) {
    room(n);
    System.arraycopy(b, 0, buffer, size, n);
    size += n;
  }

  private PostgresRowWriter int8(int v) {
    room(1);
    buffer[size++] = (byte) v;
    return this;
  }

  private PostgresRowWriter int16(int v) {
    room(2);
    buffer[size++] = (byte) (v >>> 8);
    buffer[size++] = (byte) v;
    return this;
  }

  private PostgresRowWriter int32raw(int v) {
    room(4);
    buffer[size++] = (byte) (v >>> 24);
    buffer[size++] = (byte) (v >>> 16);
    buffer[size++] = (byte) (v >>> 8);
    buffer[size++] = (byte) v;
    return this;
  }

  private PostgresRowWriter int64raw(long v) {
    return int32raw((int) (v >>> 32)).int32raw((int) v);
  }
}
