package dev.clianalytics.server.storage.postgres;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/** PostgreSQL's SQL where it differs from DuckDB's. */
final class PostgresDialect implements SqlDialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {}

  @Override
  public String textType() {
    return "text";
  }

  @Override
  public String collated(String text) {
    return "(" + text + ") COLLATE \"C\"";
  }

  @Override
  public String arrayJson(String column) {
    return "array_to_json(" + column + ")::text";
  }

  @Override
  public String epochMicros(String column) {
    return "CAST(extract(epoch FROM " + column + ") * 1000000 AS DOUBLE PRECISION)";
  }

  @Override
  public String jsonText(List<String> path, List<Object> params) {
    params.add(path);
    return "(payload #>> ?)";
  }

  @Override
  public String jsonNumber(List<String> path, List<Object> params) {
    params.add(path);
    params.add(path);
    return "(CASE WHEN jsonb_typeof(payload #> ?) = 'number'"
        + " THEN (payload #>> ?)::double precision END)";
  }

  @Override
  public String jsonBoolean(List<String> path, String literal, List<Object> params) {
    params.add(path);
    params.add(path);
    return "(coalesce(jsonb_typeof(payload #> ?) = 'boolean', FALSE) AND (payload #>> ?) = "
        + literal
        + ")";
  }

  @Override
  public long committedSeq(Connection c) throws SQLException {
    return PostgresStorage.committedMark(c);
  }

  /**
   * Joins of a few scratch ranges to big indexed tables must be index nested loops; the planner,
   * which cannot know the ranges' size, would otherwise sort or hash whole tables. The event scan
   * runs without parallel workers: then it can walk the (actor, timestamp) index and stream rows
   * from the first one, so inference overlaps the scan, where a parallel sort would make inference
   * wait for the whole sort and take CPU that inference and its writes need.
   */
  @Override
  public void preferIndexJoins(Connection writer, Connection reader) throws SQLException {
    for (Connection c : List.of(writer, reader)) {
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL enable_hashjoin = off");
        s.execute("SET LOCAL enable_mergejoin = off");
      }
    }
    try (Statement s = reader.createStatement()) {
      s.execute("SET LOCAL max_parallel_workers_per_gather = 0");
    }
  }

  @Override
  public boolean bindsTextArrays() {
    return true;
  }

  @Override
  public void sequentialScans(Connection c, boolean allowed) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL enable_seqscan = " + (allowed ? "on" : "off"));
    }
  }

  /** Binary COPY, decoded here: much faster than JDBC rows for a whole-table scan. */
  @Override
  public long scanEvents(Connection c, String tail, Consumer<Event> sink) throws SQLException {
    return PostgresEventCopy.scan(c, tail, sink);
  }
}
