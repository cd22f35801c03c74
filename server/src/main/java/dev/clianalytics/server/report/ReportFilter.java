package dev.clianalytics.server.report;

import dev.clianalytics.server.http.ApiProblem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters every report takes: {@code from} and {@code to} (ISO dates, inclusive, UTC, on the
 * day a workflow run, session or event starts) and {@code tool}. Null means no bound.
 */
record ReportFilter(LocalDate from, LocalDate to, String tool) {
  ReportFilter {
    if (from != null && to != null && from.isAfter(to)) {
      throw ApiProblem.badRequest("from (" + from + ") must not be after to (" + to + ")");
    }
  }

  static final ReportFilter NONE = new ReportFilter(null, null, null);

  static ReportFilter of(ReportParams params) {
    String tool = params.get("tool");
    return new ReportFilter(
        date(params, "from"),
        date(params, "to"),
        tool == null || tool.isBlank() ? null : tool.strip());
  }

  private static LocalDate date(ReportParams params, String name) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(name + " must be a date such as 2026-01-31, was '" + value + "'");
    }
  }

  /**
   * A SQL condition (starting with " AND ...") on the given day and tool columns, and its values.
   */
  Sql where(String dayColumn, String toolColumn) {
    StringBuilder sql = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (from != null) {
      sql.append(" AND ").append(dayColumn).append(" >= ?");
      params.add(from.toString());
    }
    if (to != null) {
      sql.append(" AND ").append(dayColumn).append(" <= ?");
      params.add(to.toString());
    }
    if (tool != null && toolColumn != null) {
      sql.append(" AND ").append(toolColumn).append(" = ?");
      params.add(tool);
    }
    return new Sql(sql.toString(), params);
  }

  /**
   * The filter for rows held in memory: {@link Rows#test} selects what {@link #where} selects in
   * SQL, with the dates turned into text once.
   */
  Rows rows() {
    return new Rows(from == null ? null : from.toString(), to == null ? null : to.toString(), tool);
  }

  /** {@link #rows()}: the bounds as ISO dates, which order as text, and the tool. */
  record Rows(String from, String to, String tool) {
    /** Whether a row of {@code day} (an ISO date) and {@code tool} is in the filter. */
    boolean test(String day, String rowTool) {
      return (from == null || day.compareTo(from) >= 0)
          && (to == null || day.compareTo(to) <= 0)
          && (tool == null || tool.equals(rowTool));
    }
  }

  /** The filter as it is echoed in reports. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", from == null ? null : from.toString());
    json.put("to", to == null ? null : to.toString());
    json.put("tool", tool);
    return json;
  }

  /** A SQL fragment and its parameters in order. */
  record Sql(String text, List<Object> params) {}
}
