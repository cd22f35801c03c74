package dev.clianalytics.server.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The versions report as one CSV row per workflow and version. */
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
}
