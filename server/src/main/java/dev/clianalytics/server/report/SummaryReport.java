package dev.clianalytics.server.report;

import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.core.nsm.NsmWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /reports/summary}: totals, workflows, top failing commands and error types, hot paths
 * and the latest north-star week ({@code latest} null when no week qualifies). CSV: the workflows.
 */
record SummaryReport(
    ReportFilter filter,
    Totals totals,
    List<WorkflowRow> workflows,
    List<FailingCommand> failingCommands,
    List<ErrorTypeCount> errorTypes,
    List<HotPath> hotPaths,
    String nsmCommand,
    NsmWeek latest)
    implements Report {
  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(filter.toJson());
    json.putAll(totals.toJson());
    json.put("workflows", csvRows());
    json.put("top_failing_commands", Report.json(failingCommands, FailingCommand::toJson));
    json.put("top_error_types", Report.json(errorTypes, ErrorTypeCount::toJson));
    json.put("hot_paths", Report.json(hotPaths, HotPath::toJson));
    Map<String, Object> nsm = null;
    if (latest != null) {
      nsm = new LinkedHashMap<>();
      nsm.put("command", nsmCommand);
      nsm.putAll(latest.toJson());
    }
    json.put("nsm", nsm);
    return json;
  }

  @Override
  public List<Map<String, Object>> csvRows() {
    return Report.json(workflows, WorkflowRow::toJson);
  }
}
