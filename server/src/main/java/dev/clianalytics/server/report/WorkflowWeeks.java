package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Weekly outcome counts of workflow runs that raw-event retention dropped, from {@code
 * workflow_weeks} (docs/operations.md, "Aggregate retention"). They hold no identifiers, so the
 * actor count of a week is the largest count of one day: a lower bound of the week's distinct
 * actors, which keeps {@code MIN_ACTORS} conservative.
 */
final class WorkflowWeeks {
  private WorkflowWeeks() {}

  /** Auto workflows whose kept aggregates reach {@code minRuns} events. */
  static Set<String> qualifyingAuto(SqlReads c, int minRuns) throws SQLException {
    return new HashSet<>(
        Query.list(
            c,
            "SELECT workflow FROM workflow_weeks WHERE auto GROUP BY workflow"
                + " HAVING sum(events) >= ?",
            List.of(minRuns),
            rs -> rs.getString(1)));
  }

  /** Groups by workflow and week, hiding auto workflows not in {@code autos}. */
  static List<WorkflowQueries.Group> byWeek(SqlReads c, ReportFilter filter, Set<String> autos)
      throws SQLException {
    ReportFilter.Sql where = filter.where("start_day", "tool");
    List<Object> params = Query.params();
    params.addAll(where.params());
    return Query.list(
            c,
            "SELECT workflow, min(tool), min(category), max(CASE WHEN auto THEN 1 ELSE 0 END),"
                + " week, sum(runs), sum(success), sum(failed), sum(abandoned),"
                + " sum(in_progress), max(actors) FROM workflow_weeks WHERE 1 = 1"
                + where.text()
                + " GROUP BY workflow, week",
            params,
            rs ->
                new WorkflowQueries.Group(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(5),
                    rs.getInt(4) == 1 && !autos.contains(rs.getString(1))
                        ? null
                        : new Outcomes(
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getLong(8),
                            rs.getLong(9),
                            rs.getLong(10),
                            rs.getLong(11),
                            null,
                            null)))
        .stream()
        .filter(g -> g.outcomes() != null)
        .toList();
  }
}
