package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.time.Instant;

/** A row of values for report code under test, as a fake {@link SqlReads} returns them. */
record ArrayRow(Object[] values) implements SqlReads.Row {
  @Override
  public long getLong(int column) {
    return ((Number) values[column - 1]).longValue();
  }

  @Override
  public int getInt(int column) {
    return (int) getLong(column);
  }

  @Override
  public double getDouble(int column) {
    return ((Number) values[column - 1]).doubleValue();
  }

  @Override
  public String getString(int column) {
    return (String) values[column - 1];
  }

  @Override
  public Instant getInstant(int column) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Object getObject(int column) {
    return values[column - 1];
  }

  @Override
  public boolean wasNull() {
    return false;
  }

  @Override
  public int columns() {
    return values.length;
  }
}
