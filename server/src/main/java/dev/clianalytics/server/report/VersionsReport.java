package dev.clianalytics.server.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /reports/versions}: success rates per workflow and tool version with Wilson 95%
 * intervals, and significant drops between consecutive versions: a one-sided two-proportion z-test
 * with both versions at least {@value #MIN_CLOSED} closed runs, significant when p is below 0.05
 * divided by the number of version pairs compared (Bonferroni), so that a report comparing dozens
 * of pairs does not flag chance dips as regressions.
 */
final class VersionsReport {
  static final int MIN_CLOSED = 10;
  static final double ALPHA = 0.05;

  private VersionsReport() {}

  static Map<String, Object> build(
      Connection c, ReportFilter filter, Set<String> autos, int minActors) throws SQLException {
    Map<String, TreeMap<String, WorkflowQueries.Group>> byWorkflow = new TreeMap<>();
    for (WorkflowQueries.Group g : WorkflowQueries.groups(c, filter, null, "tool_version", autos)) {
      if (!g.key().isEmpty() && g.outcomes().actors() >= minActors) {
        byWorkflow
            .computeIfAbsent(g.workflow(), k -> new TreeMap<>(Versions.ORDER))
            .put(g.key(), g);
      }
    }
    List<Map<String, Object>> workflows = new ArrayList<>();
    List<Map<String, Object>> drops = new ArrayList<>();
    int[] comparisons = {0};
    byWorkflow.forEach(
        (name, versions) -> {
          List<Map<String, Object>> rows = new ArrayList<>();
          WorkflowQueries.Group previous = null;
          for (WorkflowQueries.Group g : versions.values()) {
            rows.add(version(g));
            if (previous != null && comparable(previous, g)) {
              comparisons[0]++;
              Map<String, Object> drop = regression(previous, g);
              if (drop != null) {
                drops.add(drop);
              }
            }
            previous = g;
          }
          Map<String, Object> w = new LinkedHashMap<>();
          w.put("workflow", name);
          w.put("tool", versions.firstEntry().getValue().tool());
          w.put("versions", rows);
          workflows.add(w);
        });
    double alpha = ALPHA / Math.max(1, comparisons[0]);
    List<Map<String, Object>> regressions =
        drops.stream().filter(d -> (double) d.get("p_value") < alpha).toList();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("workflows", workflows);
    json.put("regressions", regressions);
    json.put("comparisons", comparisons[0]);
    json.put("alpha", alpha);
    return json;
  }

  private static Map<String, Object> version(WorkflowQueries.Group g) {
    Outcomes o = g.outcomes();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("version", g.key());
    row.put("runs", o.runs());
    row.put("closed", o.closed());
    row.put("successes", o.success());
    row.put("success_rate", o.successRate());
    double[] ci = Significance.wilson(o.success(), o.closed());
    row.put("ci_low", ci == null ? null : ci[0]);
    row.put("ci_high", ci == null ? null : ci[1]);
    row.put("outcomes", o.toJson().get("outcomes"));
    return row;
  }

  private static boolean comparable(WorkflowQueries.Group from, WorkflowQueries.Group to) {
    return from.outcomes().closed() >= MIN_CLOSED && to.outcomes().closed() >= MIN_CLOSED;
  }

  private static Map<String, Object> regression(
      WorkflowQueries.Group from, WorkflowQueries.Group to) {
    Outcomes a = from.outcomes();
    Outcomes b = to.outcomes();
    double fromRate = a.successRate();
    double toRate = b.successRate();
    double p = Significance.pDrop(a.success(), a.closed(), b.success(), b.closed());
    if (toRate >= fromRate) {
      return null;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("workflow", from.workflow());
    row.put("tool", from.tool());
    row.put("from_version", from.key());
    row.put("to_version", to.key());
    row.put("from_rate", fromRate);
    row.put("to_rate", toRate);
    row.put("drop", fromRate - toRate);
    row.put("p_value", p);
    row.put("significant", true);
    return row;
  }
}
