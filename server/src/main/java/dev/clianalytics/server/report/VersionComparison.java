package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds {@link VersionsReport}: success rates per workflow and tool version with Wilson 95%
 * intervals, and significant drops between consecutive versions: a one-sided two-proportion z-test
 * with both versions at least {@value #MIN_CLOSED} closed runs, significant when p is below 0.05
 * divided by the number of version pairs compared (Bonferroni), so that a report comparing dozens
 * of pairs does not flag chance dips as regressions.
 */
final class VersionComparison {
  static final int MIN_CLOSED = 10;
  static final double ALPHA = 0.05;

  private VersionComparison() {}

  static VersionsReport build(
      SqlReads c, ReportFilter filter, Set<String> autos, int minActors, RunDays days)
      throws SQLException {
    TreeMap<String, TreeMap<String, WorkflowQueries.Group>> byWorkflow = new TreeMap<>();
    for (WorkflowQueries.Group g :
        WorkflowQueries.groups(
            c, filter, null, "tool_version", autos, Outcomes.Detail.GATE, minActors, days)) {
      if (!g.key().isEmpty() && g.outcomes().actors() >= minActors) {
        byWorkflow
            .computeIfAbsent(g.workflow(), k -> new TreeMap<>(Versions.ORDER))
            .put(g.key(), g);
      }
    }
    List<VersionsReport.Workflow> workflows = new ArrayList<>();
    List<VersionsReport.Regression> drops = new ArrayList<>();
    int comparisons = 0;
    for (var entry : byWorkflow.entrySet()) {
      TreeMap<String, WorkflowQueries.Group> versions = entry.getValue();
      List<VersionsReport.Version> rows = new ArrayList<>();
      WorkflowQueries.Group previous = null;
      for (WorkflowQueries.Group g : versions.values()) {
        rows.add(new VersionsReport.Version(g.key(), g.outcomes()));
        if (previous != null && comparable(previous, g)) {
          comparisons++;
          VersionsReport.Regression drop = regression(previous, g);
          if (drop != null) {
            drops.add(drop);
          }
        }
        previous = g;
      }
      workflows.add(
          new VersionsReport.Workflow(
              entry.getKey(), versions.firstEntry().getValue().tool(), rows));
    }
    double alpha = ALPHA / Math.max(1, comparisons);
    List<VersionsReport.Regression> regressions =
        drops.stream().filter(d -> d.pValue() < alpha).toList();
    return new VersionsReport(filter, workflows, regressions, comparisons, alpha);
  }

  private static boolean comparable(WorkflowQueries.Group from, WorkflowQueries.Group to) {
    return from.outcomes().closed() >= MIN_CLOSED && to.outcomes().closed() >= MIN_CLOSED;
  }

  /** The drop from {@code from} to {@code to}; null when the rate did not fall. */
  private static VersionsReport.Regression regression(
      WorkflowQueries.Group from, WorkflowQueries.Group to) {
    Outcomes a = from.outcomes();
    Outcomes b = to.outcomes();
    double fromRate = a.successRate();
    double toRate = b.successRate();
    if (toRate >= fromRate) {
      return null;
    }
    double p = Significance.pDrop(a.success(), a.closed(), b.success(), b.closed());
    return new VersionsReport.Regression(
        from.workflow(), from.tool(), from.key(), to.key(), fromRate, toRate, p);
  }
}
