package dev.clianalytics.server.report;

import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.core.workflow.WorkflowDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /reports/workflows/{name}}: one workflow in depth, its outcomes over the filter's
 * dates, by version and by week, errors, hot paths and recovery of its steps. CSV: the weeks.
 */
record WorkflowReport(
    Definition definition,
    ReportFilter filter,
    Outcomes outcomes,
    Attempts attempts,
    List<Group> byVersion,
    List<Group> byWeek,
    List<ErrorTypeCount> topErrors,
    List<HotPath> hotPaths,
    List<RecoveryRow> recovery)
    implements Report {

  /**
   * The definition shown: from the catalog ({@code source} {@code builtin} or {@code file}) or made
   * up for an automatic workflow of one command ({@code auto}); steps as command texts.
   */
  record Definition(
      String name, String tool, String category, List<String> steps, String goal, String source) {
    static Definition of(WorkflowDefinition d, String source) {
      List<String> steps = new ArrayList<>();
      d.steps().forEach(step -> steps.add(String.join(" ", step)));
      return new Definition(
          d.name(), d.tool(), d.category().json(), steps, String.join(" ", d.goal()), source);
    }

    /** The command paths of the steps, with the tool in front. */
    List<String> commands() {
      return steps.stream().map(s -> s.isEmpty() ? tool : tool + " " + s).toList();
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", name);
      json.put("tool", tool);
      json.put("category", category);
      json.put("steps", steps);
      json.put("goal", goal);
      json.put("source", source);
      return json;
    }
  }

  /** How often runs tried the goal again, and how many failed before succeeding. */
  record Attempts(Double goalAttemptsMean, Double failuresBeforeSuccessMean, long runsWithRetries) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("goal_attempts_mean", goalAttemptsMean);
      json.put("failures_before_success_mean", failuresBeforeSuccessMean);
      json.put("runs_with_retries", runsWithRetries);
      return json;
    }
  }

  /** The outcomes of the runs of one version ({@code label} "version") or week ("week"). */
  record Group(String label, String key, Outcomes outcomes) {
    Map<String, Object> toJson() {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(label, key);
      row.putAll(outcomes.toJson());
      return row;
    }
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", definition.name());
    json.put("tool", definition.tool());
    json.put("category", definition.category());
    json.putAll(outcomes.toJson());
    json.put("median_duration_ms", outcomes.medianMs());
    json.put("actors", outcomes.actors());
    // "tool" is the workflow's own; only the dates of the filter are echoed
    Map<String, Object> dates = filter.toJson();
    json.put("from", dates.get("from"));
    json.put("to", dates.get("to"));
    json.put("definition", definition.toJson());
    json.put("duration_p50_ms", outcomes.medianMs());
    json.put("duration_p90_ms", outcomes.p90Ms());
    json.put("attempts", attempts.toJson());
    json.put("by_version", Report.json(byVersion, Group::toJson));
    json.put("by_week", csvRows());
    json.put("top_errors", Report.json(topErrors, ErrorTypeCount::toJson));
    json.put("hot_paths", Report.json(hotPaths, HotPath::toJson));
    json.put("recovery", Report.json(recovery, RecoveryRow::toJson));
    return json;
  }

  @Override
  public List<Map<String, Object>> csvRows() {
    return Report.json(byWeek, Group::toJson);
  }
}
