package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Workflow rows: outcome counts per workflow, per version, per week, from workflow_runs. */
final class WorkflowQueries {
  private WorkflowQueries() {}

  /** One workflow's group (the whole workflow, one version, one week). */
  record Group(String workflow, String tool, String category, String key, Outcomes outcomes) {}

  /** Auto workflows that reached {@code AUTO_WORKFLOW_MIN_RUNS} events over all data. */
  static Set<String> qualifyingAuto(SqlReads c, int minRuns) throws SQLException {
    return new HashSet<>(
        Query.list(
            c,
            "SELECT workflow FROM workflow_runs WHERE auto GROUP BY workflow"
                + " HAVING sum(events) >= ?",
            List.of(minRuns),
            rs -> rs.getString(1)));
  }

  /**
   * Groups by workflow and {@code keyColumn} (a constant such as {@code ''} for whole workflows),
   * hiding auto workflows that do not qualify; {@code workflow} null means every workflow. {@code
   * detail} and {@code minActors} choose what the outcomes hold ({@link Outcomes#columns}).
   */
  static List<Group> groups(
      SqlReads c,
      ReportFilter filter,
      String workflow,
      String keyColumn,
      Set<String> autos,
      Outcomes.Detail detail,
      int minActors)
      throws SQLException {
    ReportFilter.Sql where = filter.where("start_day", "tool");
    List<Object> params = Query.params();
    params.addAll(where.params());
    String sql =
        "SELECT workflow, min(tool), min(category), max(CASE WHEN auto THEN 1 ELSE 0 END), "
            + keyColumn
            + ", "
            + Outcomes.columns(c, detail, minActors)
            + " FROM workflow_runs WHERE 1 = 1"
            + where.text()
            + (workflow == null ? "" : " AND workflow = ?")
            + " GROUP BY workflow, "
            + keyColumn;
    if (workflow != null) {
      params.add(workflow);
    }
    return Query.list(
            c,
            sql,
            params,
            rs ->
                new Group(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(5),
                    rs.getInt(4) == 1 && !autos.contains(rs.getString(1))
                        ? null
                        : Outcomes.read(rs, 6)))
        .stream()
        .filter(g -> g.outcomes() != null)
        .toList();
  }
}
