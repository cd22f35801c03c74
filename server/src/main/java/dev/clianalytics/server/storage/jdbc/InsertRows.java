package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.server.storage.derived.RowWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;

/**
 * Rows by batched {@code INSERT} on either dialect, synchronously: for the few rows erasure and
 * retention write, where a COPY stream or an appender is not worth setting up.
 */
final class InsertRows implements RowWriter {
  private static final int BATCH = 1_000;

  private final PreparedStatement insert;
  private int column;
  private int pending;

  private InsertRows(PreparedStatement insert) {
    this.insert = insert;
  }

  static RowWriter open(Connection c, String table, String columns) throws SQLException {
    int n = columns.split(",").length;
    String marks = String.join(", ", Collections.nCopies(n, "?"));
    return new InsertRows(
        c.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")"));
  }

  @Override
  public RowWriter text(String value) throws SQLException {
    insert.setString(++column, value);
    return this;
  }

  @Override
  public RowWriter int64(long value) throws SQLException {
    insert.setLong(++column, value);
    return this;
  }

  @Override
  public RowWriter int32(int value) throws SQLException {
    insert.setInt(++column, value);
    return this;
  }

  @Override
  public RowWriter bool(boolean value) throws SQLException {
    insert.setBoolean(++column, value);
    return this;
  }

  @Override
  public RowWriter timestamp(Instant value) throws SQLException {
    insert.setObject(++column, Jdbc.utc(value));
    return this;
  }

  @Override
  public void endRow() throws SQLException {
    insert.addBatch();
    column = 0;
    if (++pending >= BATCH) {
      flush();
    }
  }

  @Override
  public void flush() throws SQLException {
    if (pending > 0) {
      insert.executeBatch();
      pending = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      flush();
    } finally {
      insert.close();
    }
  }
}
