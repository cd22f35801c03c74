package dev.clianalytics.server.report;

import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.nsm.NsmWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /reports/nsm}: the north-star series of one command; CSV: one row per week. */
record NsmReport(NsmOptions options, ReportFilter filter, List<NsmWeek> weeks) implements Report {
  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", options.command());
    json.put("include_ci", options.includeCi());
    Map<String, Object> dates = filter.toJson();
    json.put("from", dates.get("from"));
    json.put("to", dates.get("to"));
    json.put("weeks", csvRows());
    return json;
  }

  @Override
  public List<Map<String, Object>> csvRows() {
    return Report.json(weeks, NsmWeek::toJson);
  }
}
