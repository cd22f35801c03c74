package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
   * detail} and {@code minActors} choose what the outcomes hold ({@link Outcomes.Detail}).
   *
   * <p>Distinct actors are counted as the rows of a grouping by actor, not with {@code
   * count(DISTINCT ...)}: PostgreSQL sorts every run of a group for the latter, and hashes a few
   * thousand actors for the former. The percentiles, which do need each group's runs sorted, come
   * from a second statement of their own.
   *
   * <p>Groups that need no actors come from {@code days} when it is given ({@link RunDays}).
   */
  static List<Group> groups(
      SqlReads c,
      ReportFilter filter,
      String workflow,
      String keyColumn,
      Set<String> autos,
      Outcomes.Detail detail,
      int minActors,
      RunDays days)
      throws SQLException {
    if (days != null && detail == Outcomes.Detail.GATE && minActors <= 1) {
      return days.groups(filter, workflow, keyColumn, autos);
    }
    ReportFilter.Sql where = filter.where("start_day", "tool");
    List<Object> params = Query.params();
    params.addAll(where.params());
    String rows =
        " FROM workflow_runs WHERE 1 = 1"
            + where.text()
            + (workflow == null ? "" : " AND workflow = ?");
    if (workflow != null) {
      params.add(workflow);
    }
    boolean perActor = detail == Outcomes.Detail.FULL || minActors > 1;
    // the least tool and category by code point, as the runs kept in memory pick them
    String tool = "min(" + c.codePointOrder("tool") + ")";
    String category = "min(" + c.codePointOrder("category") + ")";
    String first =
        tool
            + " AS g_tool, "
            + category
            + " AS g_category, max(CASE WHEN auto THEN 1 ELSE 0 END) AS g_auto, ";
    String sql =
        perActor
            ? "SELECT workflow, min(g_tool), min(g_category), max(g_auto), g_key, "
                + Outcomes.SUMS
                + ", count(*) FROM (SELECT workflow, "
                + keyColumn
                + " AS g_key, actor_id, "
                + first
                + Outcomes.COUNTS
                + rows
                + " GROUP BY workflow, "
                + keyColumn
                + ", actor_id) per_actor GROUP BY workflow, g_key"
            : "SELECT workflow, "
                + tool
                + ", "
                + category
                + ", max(CASE WHEN auto THEN 1 ELSE 0 END), "
                + keyColumn
                + ", "
                + Outcomes.COUNTS
                + ", 1"
                + rows
                + " GROUP BY workflow, "
                + keyColumn;
    Map<List<String>, Durations> durations =
        detail == Outcomes.Detail.FULL ? durations(c, keyColumn, rows, params) : Map.of();
    Durations none = new Durations(null, null);
    return Query.list(
            c,
            sql,
            params,
            rs -> {
              String name = rs.getString(1);
              String key = rs.getString(5);
              if (rs.getInt(4) == 1 && !autos.contains(name)) {
                return null;
              }
              Durations d = durations.getOrDefault(List.of(name, key), none);
              return new Group(
                  name,
                  rs.getString(2),
                  rs.getString(3),
                  key,
                  Outcomes.read(rs, 6, rs.getLong(11), d.medianMs(), d.p90Ms()));
            })
        .stream()
        .filter(g -> g != null)
        .toList();
  }

  /** A group's median and 90th percentile duration. */
  private record Durations(Long medianMs, Long p90Ms) {}

  /** The median and 90th percentile duration of each group, keyed by workflow and key. */
  private static Map<List<String>, Durations> durations(
      SqlReads c, String keyColumn, String rows, List<Object> params) throws SQLException {
    Map<List<String>, Durations> out = new HashMap<>();
    Query.list(
            c,
            "SELECT workflow, "
                + keyColumn
                + ", "
                + c.percentileDisc("0.5", "duration_ms")
                + ", "
                + c.percentileDisc("0.9", "duration_ms")
                + rows
                + " GROUP BY workflow, "
                + keyColumn,
            params,
            rs ->
                Map.entry(
                    List.of(rs.getString(1), rs.getString(2)),
                    new Durations(Query.longOrNull(rs, 3), Query.longOrNull(rs, 4))))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }
}
