package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SqlReads} on ClickHouse through the official client: results come back as {@code
 * TabSeparatedWithNames}, which 18.16 speaks (the JDBC driver's format is newer). 18.16 has no
 * query parameters over HTTP, so each {@code ?} becomes a literal here: numbers as they are, text
 * quoted by {@link ClickHouseSql#quote}, the one place that escapes.
 */
final class ClickHouseReads implements SqlReads {
  private final ClickHouseSql sql;

  ClickHouseReads(ClickHouseSql sql) {
    this.sql = sql;
  }

  @Override
  public <T> List<T> list(String statement, List<?> params, Mapper<T> mapper) throws SQLException {
    List<String[]> rows = sql.queryText(bind(statement, params));
    int columns = rows.isEmpty() ? 0 : rows.getFirst().length;
    TextRow row = new TextRow(columns);
    List<T> out = new ArrayList<>(Math.max(0, rows.size() - 1));
    for (String[] values : rows.subList(Math.min(1, rows.size()), rows.size())) {
      row.values = values;
      out.add(mapper.map(row));
    }
    return out;
  }

  @Override
  public String contains(String column) {
    return "position(" + column + ", ?) > 0";
  }

  // percentile_disc's definition (the value at 1-based position ceil(fraction * n) in order), in
  // the functions 18.16 has; quantileExact rounds the position differently.
  @Override
  public String percentileDisc(String fraction, String column) {
    return "arraySort(groupArray("
        + column
        + "))[toUInt64(ceil("
        + fraction
        + " * count("
        + column
        + ")))]";
  }

  @Override
  public String joined(String column, char separator) {
    if (separator == '\'' || separator == '\\' || separator >= 128) {
      throw new IllegalArgumentException("separator " + (int) separator);
    }
    String literal = separator == '\n' ? "'\\n'" : "'" + separator + "'";
    return "arrayStringConcat(groupArray(" + column + "), " + literal + ")";
  }

  @Override
  public String events() {
    return "(SELECT seq, toNullable(received_us) AS received_at FROM events WHERE "
        + ClickHouseStorage.FIRST_COPY
        + ")";
  }

  /** {@code statement} with its {@code ?} (outside string literals) replaced by literals. */
  static String bind(String statement, List<?> params) {
    StringBuilder out = new StringBuilder(statement.length() + 16 * params.size());
    boolean quoted = false;
    int next = 0;
    for (int i = 0; i < statement.length(); i++) {
      char c = statement.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (c == '?' && !quoted) {
        if (next >= params.size()) {
          throw new IllegalArgumentException("more ? than parameters in: " + statement);
        }
        out.append(literal(params.get(next++)));
      } else {
        out.append(c);
      }
    }
    if (next != params.size()) {
      throw new IllegalArgumentException(
          params.size() + " parameters for " + next + " ? in: " + statement);
    }
    return out.toString();
  }

  private static String literal(Object value) {
    return switch (value) {
      case null -> "NULL";
      case Integer i -> i.toString();
      case Long l -> l.toString();
      case Boolean b -> b ? "1" : "0";
      case Double d when Double.isFinite(d) -> d.toString();
      case String s -> ClickHouseSql.quote(s);
      default ->
          throw new IllegalArgumentException(
              "no ClickHouse literal for a " + value.getClass().getSimpleName());
    };
  }

  /** One row of text fields; numbers are parsed on read, as JDBC converts them. */
  private static final class TextRow implements Row {
    private final int columns;
    private String[] values;
    private boolean wasNull;

    TextRow(int columns) {
      this.columns = columns;
    }

    private String value(int column) throws SQLException {
      if (column < 1 || column > values.length) {
        throw new SQLException("no column " + column + " in a row of " + values.length);
      }
      String v = values[column - 1];
      wasNull = v == null;
      return v;
    }

    @Override
    public long getLong(int column) throws SQLException {
      String v = value(column);
      if (v == null) {
        return 0;
      }
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        return (long) Double.parseDouble(v);
      }
    }

    @Override
    public int getInt(int column) throws SQLException {
      return Math.toIntExact(getLong(column));
    }

    @Override
    public double getDouble(int column) throws SQLException {
      String v = value(column);
      return v == null ? 0 : Double.parseDouble(v);
    }

    @Override
    public String getString(int column) throws SQLException {
      return value(column);
    }

    /** Timestamps are stored as microseconds since the epoch on ClickHouse. */
    @Override
    public Instant getInstant(int column) throws SQLException {
      String v = value(column);
      return v == null
          ? null
          : Instant.EPOCH.plus(Long.parseLong(v), java.time.temporal.ChronoUnit.MICROS);
    }

    @Override
    public Object getObject(int column) throws SQLException {
      return value(column);
    }

    @Override
    public boolean wasNull() {
      return wasNull;
    }

    @Override
    public int columns() {
      return columns;
    }
  }
}
