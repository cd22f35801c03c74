package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /reports/adoption}: active users by tool version, week by week (docs/reports.md), so a
 * maintainer sees how fast a release is taken up. A week is an ISO week (Monday to Sunday, UTC);
 * versions seen from fewer than {@code MIN_ACTORS} actors in a week are hidden.
 *
 * @param filter the filter the report was built with
 * @param weeks one row per week, tool and version, oldest week first
 */
record AdoptionReport(ReportFilter filter, List<Row> weeks) implements Report {
  /**
   * One week of one version.
   *
   * @param week the ISO week, such as {@code 2026-W10}
   * @param weekStart its Monday
   * @param tool the tool
   * @param toolVersion the version, or {@code unknown} when events carried none
   * @param activeUsers distinct actors who ran this version that week
   * @param share this version's share of the tool's active users that week (hidden versions
   *     included in the whole)
   * @param events command runs of this version that week
   */
  record Row(
      String week,
      LocalDate weekStart,
      String tool,
      String toolVersion,
      long activeUsers,
      Double share,
      long events) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("week", week);
      json.put("week_start", weekStart.toString());
      json.put("tool", tool);
      json.put("tool_version", toolVersion);
      json.put("active_users", activeUsers);
      json.put("share", share);
      json.put("events", events);
      return json;
    }
  }

  static AdoptionReport build(SqlReads c, ReportFilter filter, int minActors) throws SQLException {
    ReportFilter.Sql where = PlatformCountsSql.where(filter);
    List<Object> params = Query.params();
    params.addAll(where.params());
    params.add(minActors);
    params.addAll(where.params());
    List<Row> rows =
        Query.list(
            c,
            "SELECT g.w, g.tool_name, g.v, g.users, g.runs, t.users FROM (SELECT w, tool_name, v,"
                + " count(actor_id) AS users, sum(n) AS runs"
                + PlatformCountsSql.perActor(
                    "week AS w, tool AS tool_name, tool_version AS v",
                    "w, tool_name, v",
                    where.text())
                + " GROUP BY w, tool_name, v HAVING count(actor_id) >= ?) g JOIN (SELECT w,"
                + " tool_name, count(actor_id) AS users"
                + PlatformCountsSql.perActor(
                    "week AS w, tool AS tool_name", "w, tool_name", where.text())
                + " GROUP BY w, tool_name) t ON t.w = g.w AND t.tool_name = g.tool_name"
                + " ORDER BY g.w, g.tool_name, g.users DESC, g.v",
            params,
            rs -> {
              String week = rs.getString(1);
              return new Row(
                  week,
                  monday(week),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  Query.rate(rs.getLong(4), rs.getLong(6)),
                  rs.getLong(5));
            });
    return new AdoptionReport(filter, rows);
  }

  /** The Monday of an ISO week such as {@code 2026-W10}. */
  static LocalDate monday(String isoWeek) {
    int dash = isoWeek.indexOf("-W");
    return LocalDate.of(Integer.parseInt(isoWeek.substring(0, dash)), 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(isoWeek.substring(dash + 2)))
        .with(DayOfWeek.MONDAY);
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("filter", filter.toJson());
    json.put("weeks", csvRows());
    return json;
  }

  /** The rows of {@code ?format=csv}: one per week, tool and version. */
  @Override
  public List<Map<String, Object>> csvRows() {
    return weeks.stream().map(Row::toJson).toList();
  }
}
