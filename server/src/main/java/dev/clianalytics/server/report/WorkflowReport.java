package dev.clianalytics.server.report;

import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.core.workflow.WorkflowDefinition;
import dev.clianalytics.server.http.ApiProblem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /reports/workflows/{name}}: one workflow in depth. */
final class WorkflowReport {
  private final ReportSettings settings;
  private final Reports reports;

  WorkflowReport(ReportSettings settings, Reports reports) {
    this.settings = settings;
    this.reports = reports;
  }

  Map<String, Object> build(Connection c, String name, ReportFilter filter) throws SQLException {
    Set<String> autos = reports.autos(c);
    Map<String, Object> definition = definition(c, name, autos);
    String tool = (String) definition.get("tool");
    List<WorkflowQueries.Group> whole = WorkflowQueries.groups(c, filter, name, "workflow", autos);
    Outcomes o =
        whole.isEmpty() || whole.get(0).outcomes().actors() < settings.minActors()
            ? new Outcomes(0, 0, 0, 0, 0, 0, null, null)
            : whole.get(0).outcomes();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("tool", tool);
    json.put("category", definition.get("category"));
    json.putAll(o.toJson());
    json.put("median_duration_ms", o.medianMs());
    json.put("actors", o.actors());
    // "tool" is the workflow's own; only the dates of the filter are echoed
    json.put("from", filter.toJson().get("from"));
    json.put("to", filter.toJson().get("to"));
    json.put("definition", definition);
    json.put("duration_p50_ms", o.medianMs());
    json.put("duration_p90_ms", o.p90Ms());
    json.put("attempts", attempts(c, name, filter));
    json.put(
        "by_version", groups(c, filter, name, "tool_version", autos, Versions.ORDER, "version"));
    json.put("by_week", groups(c, filter, name, "week", autos, Comparator.naturalOrder(), "week"));
    json.put("top_errors", topErrors(c, name, filter));
    ReportFilter ofTool = new ReportFilter(filter.from(), filter.to(), tool);
    json.put("hot_paths", reports.paths(c, ofTool, 10));
    List<String> steps = steps(definition, tool);
    json.put(
        "recovery",
        PathQueries.recovery(
            c,
            ofTool,
            settings.minActors(),
            command ->
                steps.stream().anyMatch(s -> command.equals(s) || command.startsWith(s + " "))));
    return json;
  }

  private Map<String, Object> definition(Connection c, String name, Set<String> autos)
      throws SQLException {
    WorkflowCatalog catalog = settings.catalog();
    var found = catalog.find(name);
    if (found.isPresent()) {
      WorkflowDefinition d = found.get();
      Map<String, Object> json = new LinkedHashMap<>(d.toJson());
      boolean builtin = WorkflowCatalog.builtIn().find(name).map(d::equals).orElse(false);
      json.put("source", builtin ? "builtin" : "file");
      return json;
    }
    if (!autos.contains(name)) {
      throw ApiProblem.notFound(
          "no workflow named '"
              + name
              + "'; GET /workflows lists the catalog, and commands"
              + " without a definition appear once they have enough runs");
    }
    List<String> tools =
        Query.list(
            c,
            "SELECT min(tool) FROM workflow_runs WHERE workflow = ?",
            List.of(name),
            rs -> rs.getString(1));
    String tool = tools.get(0);
    String command =
        name.length() > tool.length() ? name.substring(tool.length() + 1).replace('_', ' ') : "";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("tool", tool);
    json.put("category", "other");
    json.put("steps", List.of(command));
    json.put("goal", command);
    json.put("source", "auto");
    return json;
  }

  @SuppressWarnings("unchecked") // toJson writes steps as a list of strings
  private static List<String> steps(Map<String, Object> definition, String tool) {
    List<String> out = new ArrayList<>();
    for (String step : (List<String>) definition.get("steps")) {
      out.add(step.isEmpty() ? tool : tool + " " + step);
    }
    return out;
  }

  private List<Map<String, Object>> groups(
      Connection c,
      ReportFilter filter,
      String name,
      String column,
      Set<String> autos,
      Comparator<String> order,
      String label)
      throws SQLException {
    return WorkflowQueries.groups(c, filter, name, column, autos).stream()
        .filter(g -> !g.key().isEmpty() && g.outcomes().actors() >= settings.minActors())
        .sorted(Comparator.comparing(WorkflowQueries.Group::key, order))
        .map(
            g -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put(label, g.key());
              row.putAll(g.outcomes().toJson());
              return row;
            })
        .toList();
  }

  private static Map<String, Object> attempts(Connection c, String name, ReportFilter filter)
      throws SQLException {
    ReportFilter.Sql where = filter.where("start_day", "tool");
    List<Object> params = Query.params(name);
    params.addAll(where.params());
    return Query.list(
            c,
            "SELECT avg(goal_attempts), avg(failures_before_success),"
                + " coalesce(sum(CASE WHEN goal_attempts > 1 THEN 1 ELSE 0 END), 0)"
                + " FROM workflow_runs WHERE workflow = ?"
                + where.text(),
            params,
            rs -> {
              Map<String, Object> json = new LinkedHashMap<>();
              double attempts = rs.getDouble(1);
              json.put("goal_attempts_mean", rs.wasNull() ? null : attempts);
              double failures = rs.getDouble(2);
              json.put("failures_before_success_mean", rs.wasNull() ? null : failures);
              json.put("runs_with_retries", rs.getLong(3));
              return json;
            })
        .get(0);
  }

  private static List<Map<String, Object>> topErrors(Connection c, String name, ReportFilter filter)
      throws SQLException {
    ReportFilter.Sql where = filter.where("start_day", "tool");
    List<Object> params = Query.params(name);
    params.addAll(where.params());
    Map<String, Long> counts = new HashMap<>();
    for (String types :
        Query.list(
            c,
            "SELECT error_types FROM workflow_runs WHERE workflow = ? AND error_types <> ''"
                + where.text(),
            params,
            rs -> rs.getString(1))) {
      for (String type : types.split("\n")) {
        counts.merge(type, 1L, Long::sum);
      }
    }
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(10)
        .map(
            e -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("error_type", e.getKey());
              row.put("count", e.getValue());
              return row;
            })
        .toList();
  }
}
