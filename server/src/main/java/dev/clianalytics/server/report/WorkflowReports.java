package dev.clianalytics.server.report;

import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.core.workflow.WorkflowDefinition;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds {@link WorkflowReport}, {@code GET /reports/workflows/{name}}. */
final class WorkflowReports {
  private final ReportSettings settings;
  private final Reports reports;

  WorkflowReports(ReportSettings settings, Reports reports) {
    this.settings = settings;
    this.reports = reports;
  }

  WorkflowReport build(SqlReads c, String name, ReportFilter filter) throws SQLException {
    Set<String> autos = reports.autos(c);
    WorkflowReport.Definition definition = definition(c, name, autos);
    WorkflowDays runs = reports.workflowDays(c);
    List<WorkflowQueries.Group> whole = reports.wholeWorkflows(c, filter, name, autos);
    Outcomes o =
        whole.isEmpty() || whole.get(0).outcomes().actors() < settings.minActors()
            ? new Outcomes(0, 0, 0, 0, 0, 0, null, null)
            : whole.get(0).outcomes();
    ReportFilter ofTool = new ReportFilter(filter.from(), filter.to(), definition.tool());
    List<String> steps = definition.commands();
    RunDays days = reports.runDays(c);
    return new WorkflowReport(
        definition,
        filter,
        o,
        runs != null ? runs.attempts(filter, name) : attempts(c, name, filter),
        groups(c, filter, name, "tool_version", autos, days, Versions.ORDER, "version"),
        groups(c, filter, name, "week", autos, days, Comparator.naturalOrder(), "week"),
        topErrors(runs != null ? runs.errorLists(filter, name) : errorLists(c, name, filter)),
        reports.paths(c, ofTool, 10),
        reports.recoveryRows(
            c,
            ofTool,
            command ->
                steps.stream().anyMatch(s -> command.equals(s) || command.startsWith(s + " "))));
  }

  private WorkflowReport.Definition definition(SqlReads c, String name, Set<String> autos)
      throws SQLException {
    Optional<WorkflowDefinition> found = settings.catalog().find(name);
    if (found.isPresent()) {
      WorkflowDefinition d = found.get();
      boolean builtin = WorkflowCatalog.builtIn().find(name).map(d::equals).orElse(false);
      return WorkflowReport.Definition.of(d, builtin ? "builtin" : "file");
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
            "SELECT min(" + c.codePointOrder("tool") + ") FROM workflow_runs WHERE workflow = ?",
            List.of(name),
            rs -> rs.getString(1));
    String tool = tools.get(0);
    String command =
        name.length() > tool.length() ? name.substring(tool.length() + 1).replace('_', ' ') : "";
    return new WorkflowReport.Definition(name, tool, "other", List.of(command), command, "auto");
  }

  private List<WorkflowReport.Group> groups(
      SqlReads c,
      ReportFilter filter,
      String name,
      String column,
      Set<String> autos,
      RunDays days,
      Comparator<String> order,
      String label)
      throws SQLException {
    return WorkflowQueries.groups(
            c, filter, name, column, autos, Outcomes.Detail.GATE, settings.minActors(), days)
        .stream()
        .filter(g -> !g.key().isEmpty() && g.outcomes().actors() >= settings.minActors())
        .sorted(Comparator.comparing(WorkflowQueries.Group::key, order))
        .map(g -> new WorkflowReport.Group(label, g.key(), g.outcomes()))
        .toList();
  }

  /** The attempts of {@code name}'s runs in {@code filter}, read from the database. */
  static WorkflowReport.Attempts attempts(SqlReads c, String name, ReportFilter filter)
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
              double attempts = rs.getDouble(1);
              Double attemptsMean = rs.wasNull() ? null : attempts;
              double failures = rs.getDouble(2);
              Double failuresMean = rs.wasNull() ? null : failures;
              return new WorkflowReport.Attempts(attemptsMean, failuresMean, rs.getLong(3));
            })
        .get(0);
  }

  /**
   * How many of {@code name}'s runs in {@code filter} had each list of error types, read from the
   * database: a few lists, each with its count of runs.
   */
  static Map<String, Long> errorLists(SqlReads c, String name, ReportFilter filter)
      throws SQLException {
    ReportFilter.Sql where = filter.where("start_day", "tool");
    List<Object> params = Query.params(name);
    params.addAll(where.params());
    Map<String, Long> lists = new HashMap<>();
    Query.list(
            c,
            "SELECT error_types, count(*) FROM workflow_runs WHERE workflow = ? AND error_types"
                + " <> ''"
                + where.text()
                + " GROUP BY error_types",
            params,
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> lists.put(e.getKey(), e.getValue()));
    return lists;
  }

  /** The ten error types most runs met, from the runs per list of error types. */
  private static List<ErrorTypeCount> topErrors(Map<String, Long> lists) {
    Map<String, Long> counts = new HashMap<>();
    lists.forEach(
        (types, runs) -> {
          for (String type : types.split("\n")) {
            counts.merge(type, runs, Long::sum);
          }
        });
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(10)
        .map(e -> new ErrorTypeCount(e.getKey(), e.getValue(), null))
        .toList();
  }
}
