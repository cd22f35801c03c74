package dev.clianalytics.server.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nested reports as flat CSV rows: versions per workflow and version, trends per week. */
final class VersionRows {
  private VersionRows() {}

  @SuppressWarnings("unchecked") // built by VersionsReport with these types
  static List<Map<String, Object>> flatten(Map<String, Object> report) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> w : (List<Map<String, Object>>) report.get("workflows")) {
      for (Map<String, Object> v : (List<Map<String, Object>>) w.get("versions")) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workflow", w.get("workflow"));
        row.put("tool", w.get("tool"));
        row.putAll(v);
        rows.add(row);
      }
    }
    return rows;
  }

  /** The trends report as one row per workflow and week. */
  @SuppressWarnings("unchecked") // built by Reports.trends with these types
  static List<Map<String, Object>> trendRows(Map<String, Object> report) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> w : (List<Map<String, Object>>) report.get("workflows")) {
      for (Map<String, Object> point : (List<Map<String, Object>>) w.get("points")) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", w.get("name"));
        row.put("tool", w.get("tool"));
        row.putAll(point);
        rows.add(row);
      }
    }
    return rows;
  }
}
