package dev.clianalytics.server.storage;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Read-only SQL on the derived tables, as reports run it: a parameterized statement and a mapper
 * per row, so that reports need no JDBC connection, which ClickHouse 18.16 cannot offer (see
 * docs/scaling-out.md). The SQL is what PostgreSQL, DuckDB and ClickHouse all accept; the few
 * expressions they spell differently are asked of this interface.
 */
public interface SqlReads {

  /** Runs {@code sql} with {@code params} bound to its {@code ?} in order, mapping every row. */
  <T> List<T> list(String sql, List<?> params, Mapper<T> mapper) throws SQLException;

  /**
   * Runs {@code sql} like {@link #list}, handing each row to {@code each} without keeping any: for
   * results too large to hold as a list.
   */
  default void each(String sql, List<?> params, Each each) throws SQLException {
    list(
        sql,
        params,
        row -> {
          each.accept(row);
          return null;
        });
  }

  /** A condition: {@code column} contains the next parameter as a substring. */
  default String contains(String column) {
    return "strpos(" + column + ", ?) > 0";
  }

  /**
   * {@code text} so that it sorts by code point whatever the database's locale: for the ties of a
   * ranking, which must sort as reports that answer from memory sort them.
   */
  default String codePointOrder(String text) {
    return text;
  }

  /**
   * The discrete percentile {@code fraction} (0 to 1) of {@code column} in a group: the smallest
   * value with at least that fraction of the values at or below it; null for no values.
   */
  default String percentileDisc(String fraction, String column) {
    return "percentile_disc(" + fraction + ") WITHIN GROUP (ORDER BY " + column + ")";
  }

  /**
   * Whether a report that reads many small rows to merge them (recovery's, one per session and
   * command) should first sum them per group in the database. True where handing rows over costs
   * more than grouping them (DuckDB's driver converting each value, ClickHouse sending text over
   * HTTP); false on PostgreSQL, which sorts the text keys to group such rows and reads rows fast
   * (docs/server.md, "Uncached reports").
   */
  default boolean sumsBeforeReading() {
    return true;
  }

  /**
   * Whether reports may keep rows of the derived tables in this server's memory, read once per
   * generation (docs/server.md, "Uncached reports"): true on the single-node databases, PostgreSQL
   * and DuckDB; false on ClickHouse, whose tables are meant to outgrow one server.
   */
  default boolean keepsRows() {
    return false;
  }

  /**
   * The text values of {@code column} in a group joined with the character {@code separator} (code
   * point below 128), in no particular order.
   */
  default String joined(String column, char separator) {
    return "string_agg(" + column + ", chr(" + (int) separator + "))";
  }

  /**
   * The stored events, for the few reads of raw events: a table expression with at least the
   * columns {@code seq} and {@code received_at}, each event once.
   */
  default String events() {
    return "events";
  }

  /** Maps the current row; called once per row. */
  @FunctionalInterface
  interface Mapper<T> {
    T map(Row row) throws SQLException;
  }

  /** Takes the current row; called once per row. */
  @FunctionalInterface
  interface Each {
    void accept(Row row) throws SQLException;
  }

  /** The current row of a result, read by column number (from 1), as JDBC reads it. */
  interface Row {
    long getLong(int column) throws SQLException;

    int getInt(int column) throws SQLException;

    double getDouble(int column) throws SQLException;

    /** The text, or null for SQL NULL. */
    String getString(int column) throws SQLException;

    /** A timestamp column, or null for SQL NULL. */
    Instant getInstant(int column) throws SQLException;

    /** The value as the database's driver gives it, or null for SQL NULL. */
    Object getObject(int column) throws SQLException;

    /** Whether the last column read was SQL NULL (numbers then read as 0). */
    boolean wasNull() throws SQLException;

    /** How many columns the result has. */
    int columns() throws SQLException;
  }
}
