package dev.clianalytics.server.storage.duckdb;

import dev.clianalytics.server.storage.jdbc.SqlDialect;
import dev.clianalytics.server.storage.jdbc.SqlRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** DuckDB's SQL where it differs from PostgreSQL's. */
final class DuckDbDialect implements SqlDialect {
  static final DuckDbDialect INSTANCE = new DuckDbDialect();

  private DuckDbDialect() {}

  @Override
  public String textType() {
    return "VARCHAR";
  }

  @Override
  public String collated(String text) {
    return text;
  }

  @Override
  public String arrayJson(String column) {
    return "CAST(to_json(" + column + ") AS VARCHAR)";
  }

  @Override
  public String epochMicros(String column) {
    return "CAST(epoch_us(" + column + ") AS DOUBLE PRECISION)";
  }

  @Override
  public String jsonText(List<String> path, List<Object> params) {
    params.add(pointer(path));
    return "json_extract_string(payload, ?)";
  }

  @Override
  public String jsonNumber(List<String> path, List<Object> params) {
    params.add(pointer(path));
    params.add(pointer(path));
    return "(CASE WHEN json_type(payload, ?) IN ('UBIGINT', 'BIGINT', 'DOUBLE', 'HUGEINT')"
        + " THEN CAST(json_extract_string(payload, ?) AS DOUBLE) END)";
  }

  @Override
  public String jsonBoolean(List<String> path, String literal, List<Object> params) {
    params.add(pointer(path));
    params.add(pointer(path));
    return "(coalesce(json_type(payload, ?) = 'BOOLEAN', FALSE)"
        + " AND json_extract_string(payload, ?) = "
        + literal
        + ")";
  }

  /** One process owns the file and inserts under the writer lock: the highest seq is committed. */
  @Override
  public long committedSeq(Connection c) throws SQLException {
    return SqlRows.queryLong(c, "SELECT coalesce(max(seq), 0) FROM events");
  }

  @Override
  public void preferIndexJoins(Connection writer, Connection reader) {}

  @Override
  public boolean bindsTextArrays() {
    return false;
  }

  @Override
  public void sequentialScans(Connection c, boolean allowed) {}

  /** A JSON Pointer (RFC 6901) for DuckDB's JSON functions. */
  private static String pointer(List<String> path) {
    StringBuilder out = new StringBuilder();
    for (String key : path) {
      out.append('/').append(key.replace("~", "~0").replace("/", "~1"));
    }
    return out.toString();
  }
}
