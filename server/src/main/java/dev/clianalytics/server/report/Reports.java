package dev.clianalytics.server.report;

import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.nsm.NsmWeek;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds the report documents of docs/reports.md from the derived tables only. */
final class Reports {
  private final ReportSettings settings;

  Reports(ReportSettings settings) {
    this.settings = settings;
  }

  Map<String, Object> summary(Connection c, ReportFilter filter) throws SQLException {
    Map<String, Object> json = new LinkedHashMap<>(filter.toJson());
    json.putAll(EventQueries.totals(c, filter));
    json.put("workflows", workflows(c, filter));
    int min = settings.minActors();
    json.put("top_failing_commands", EventQueries.failingCommands(c, filter, min, 10));
    json.put("top_error_types", EventQueries.errorTypes(c, filter, min, 10));
    json.put("hot_paths", paths(c, filter, 10));
    NsmOptions nsm = new NsmOptions(settings.nsmCommand(), false);
    List<NsmWeek> weeks = NsmQueries.weeks(c, nsm, filter, 1, min);
    Map<String, Object> latest = null;
    if (!weeks.isEmpty()) {
      latest = new LinkedHashMap<>();
      latest.put("command", nsm.command());
      latest.putAll(weeks.get(0).toJson());
    }
    json.put("nsm", latest);
    return json;
  }

  /** Workflow rows that count, most runs first. */
  List<Map<String, Object>> workflows(Connection c, ReportFilter filter) throws SQLException {
    Set<String> autos = autos(c);
    return WorkflowQueries.groups(c, filter, null, "workflow", autos).stream()
        .filter(g -> g.outcomes().actors() >= settings.minActors())
        .sorted(
            Comparator.comparingLong((WorkflowQueries.Group g) -> g.outcomes().runs())
                .reversed()
                .thenComparing(WorkflowQueries.Group::workflow))
        .map(WorkflowQueries::row)
        .toList();
  }

  List<Map<String, Object>> paths(Connection c, ReportFilter filter, int limit)
      throws SQLException {
    return PathQueries.hotPaths(c, filter, settings.minActors(), limit).stream()
        .map(HotPath::toJson)
        .toList();
  }

  List<Map<String, Object>> recovery(Connection c, ReportFilter filter) throws SQLException {
    return PathQueries.recovery(c, filter, settings.minActors(), command -> true);
  }

  Map<String, Object> nsm(Connection c, NsmOptions options, ReportFilter filter, int weeks)
      throws SQLException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", options.command());
    json.put("include_ci", options.includeCi());
    json.put("from", filter.toJson().get("from"));
    json.put("to", filter.toJson().get("to"));
    json.put(
        "weeks",
        NsmQueries.weeks(c, options, filter, weeks, settings.minActors()).stream()
            .map(NsmWeek::toJson)
            .toList());
    return json;
  }

  Map<String, Object> versions(Connection c, ReportFilter filter) throws SQLException {
    Map<String, Object> json = new LinkedHashMap<>(filter.toJson());
    json.putAll(VersionsReport.build(c, filter, autos(c), settings.minActors()));
    return json;
  }

  /** Weekly success rate per workflow, for the dashboard's trend chart. */
  Map<String, Object> trends(Connection c, ReportFilter filter) throws SQLException {
    Set<String> shown = new TreeSet<>();
    workflows(c, filter).forEach(w -> shown.add((String) w.get("name")));
    TreeSet<String> weeks = new TreeSet<>();
    Map<String, Map<String, Object>> byWorkflow = new LinkedHashMap<>();
    for (WorkflowQueries.Group g : WorkflowQueries.groups(c, filter, null, "week", autos(c))) {
      if (!shown.contains(g.workflow())) {
        continue;
      }
      weeks.add(g.key());
      Map<String, Object> w =
          byWorkflow.computeIfAbsent(
              g.workflow(),
              name -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", name);
                m.put("tool", g.tool());
                m.put("points", new ArrayList<Map<String, Object>>());
                return m;
              });
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("week", g.key());
      point.put("runs", g.outcomes().runs());
      point.put("success_rate", g.outcomes().successRate());
      @SuppressWarnings("unchecked") // built just above as this type
      List<Map<String, Object>> points = (List<Map<String, Object>>) w.get("points");
      points.add(point);
    }
    byWorkflow.values().forEach(Reports::sortPoints);
    Map<String, Object> json = new LinkedHashMap<>(filter.toJson());
    json.put("weeks", new ArrayList<>(weeks));
    json.put(
        "workflows",
        byWorkflow.values().stream()
            .sorted(Comparator.comparing(w -> (String) w.get("name")))
            .toList());
    return json;
  }

  @SuppressWarnings("unchecked") // built by trends() as this type
  private static void sortPoints(Map<String, Object> workflow) {
    ((List<Map<String, Object>>) workflow.get("points"))
        .sort(Comparator.comparing(p -> (String) p.get("week")));
  }

  Set<String> autos(Connection c) throws SQLException {
    return WorkflowQueries.qualifyingAuto(c, settings.autoWorkflowMinRuns());
  }
}
