package dev.clianalytics.server.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /reports/trends}: the weekly success rate of each shown workflow, for the dashboard's
 * trend chart. CSV: one row per workflow and week.
 */
record TrendsReport(ReportFilter filter, List<String> weeks, List<Trend> workflows)
    implements Report {

  /** One workflow's points, oldest week first. */
  record Trend(String name, String tool, List<Point> points) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", name);
      json.put("tool", tool);
      json.put("points", Report.json(points, Point::toJson));
      return json;
    }
  }

  /** One week of one workflow. */
  record Point(String week, long runs, Double successRate) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("week", week);
      json.put("runs", runs);
      json.put("success_rate", successRate);
      return json;
    }
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(filter.toJson());
    json.put("weeks", weeks);
    json.put("workflows", Report.json(workflows, Trend::toJson));
    return json;
  }

  @Override
  public List<Map<String, Object>> csvRows() {
    return Report.nestedRows(
        workflows, w -> Report.head("name", w.name(), w.tool()), Trend::points, Point::toJson);
  }
}
