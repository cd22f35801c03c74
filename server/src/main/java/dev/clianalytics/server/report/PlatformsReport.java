package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /reports/platforms}: active users by operating system and CPU architecture, and by
 * runtime (docs/reports.md). Events that carried none count as {@code unknown}; groups seen from
 * fewer than {@code MIN_ACTORS} actors are hidden.
 *
 * @param filter the filter the report was built with
 * @param platforms one row per os and arch, most users first
 * @param runtimes one row per runtime, most users first
 */
record PlatformsReport(ReportFilter filter, List<Group> platforms, List<Group> runtimes)
    implements Report {
  /**
   * Active users of one group.
   *
   * @param keys the group's values by field ({@code os} and {@code arch}, or {@code runtime})
   * @param activeUsers distinct actors
   * @param share their share of all active users in the filter
   * @param events command runs
   */
  record Group(Map<String, String> keys, long activeUsers, Double share, long events) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>(keys);
      json.put("active_users", activeUsers);
      json.put("share", share);
      json.put("events", events);
      return json;
    }
  }

  static PlatformsReport build(SqlReads c, ReportFilter filter, int minActors) throws SQLException {
    ReportFilter.Sql filterSql = PlatformCountsSql.where(filter);
    String where = filterSql.text();
    List<Object> params = filterSql.params();
    long total =
        Query.list(
                c,
                "SELECT count(actor_id) FROM (SELECT actor_id FROM platform_counts WHERE 1 = 1"
                    + where
                    + " GROUP BY actor_id) actors",
                params,
                rs -> rs.getLong(1))
            .get(0);
    return new PlatformsReport(
        filter,
        groups(c, where, params, minActors, total, List.of("os", "arch")),
        groups(c, where, params, minActors, total, List.of("runtime")));
  }

  private static List<Group> groups(
      SqlReads c,
      String where,
      List<Object> filterParams,
      int minActors,
      long total,
      List<String> columns)
      throws SQLException {
    List<Object> params = Query.params();
    params.addAll(filterParams);
    params.add(minActors);
    String groupBy = String.join(", ", columns);
    return Query.list(
        c,
        "SELECT "
            + groupBy
            + ", count(actor_id) AS users, sum(n)"
            + PlatformCountsSql.perActor(groupBy, groupBy, where)
            + " GROUP BY "
            + groupBy
            + " HAVING count(actor_id) >= ? ORDER BY users DESC, "
            + groupBy,
        params,
        rs -> {
          Map<String, String> keys = new LinkedHashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            keys.put(columns.get(i), rs.getString(i + 1));
          }
          long users = rs.getLong(columns.size() + 1);
          return new Group(keys, users, Query.rate(users, total), rs.getLong(columns.size() + 2));
        });
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("filter", filter.toJson());
    json.put("platforms", csvRows());
    json.put("runtimes", runtimes.stream().map(Group::toJson).toList());
    return json;
  }

  /** The rows of {@code ?format=csv}: one per os and arch. */
  @Override
  public List<Map<String, Object>> csvRows() {
    return platforms.stream().map(Group::toJson).toList();
  }
}
