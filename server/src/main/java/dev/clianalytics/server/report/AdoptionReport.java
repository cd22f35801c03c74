package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
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
  /** Days from the epoch (a Thursday) to the first Monday, for week numbers counted from it. */
  private static final int FIRST_MONDAY = 4;

  /** The week number of {@code ts}, counted in weeks from that Monday. */
  private static String week(SqlReads c) {
    return "CAST(floor((" + c.epochSeconds() + " / 86400 - " + FIRST_MONDAY + ") / 7) AS BIGINT)";
  }

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
    List<Object> params = Query.params();
    String where = RawEventSql.where(c, filter, params);
    params.add(minActors);
    RawEventSql.where(c, filter, params);
    List<Row> rows =
        Query.list(
            c,
            "SELECT g.w, g.tool_name, g.v, g.users, g.runs, t.users FROM (SELECT w, tool_name, v,"
                + " count(actor_id) AS users, sum(n) AS runs"
                + RawEventSql.perActor(
                    c,
                    week(c) + " AS w, tool_name, coalesce(tool_version, 'unknown') AS v",
                    "w, tool_name, v",
                    where)
                + " GROUP BY w, tool_name, v HAVING count(actor_id) >= ?) g JOIN (SELECT w,"
                + " tool_name, count(actor_id) AS users"
                + RawEventSql.perActor(c, week(c) + " AS w, tool_name", "w, tool_name", where)
                + " GROUP BY w, tool_name) t ON t.w = g.w AND t.tool_name = g.tool_name"
                + " ORDER BY g.w, g.tool_name, g.users DESC, g.v",
            params,
            rs -> {
              LocalDate monday = LocalDate.ofEpochDay(rs.getLong(1) * 7 + FIRST_MONDAY);
              return new Row(
                  isoWeek(monday),
                  monday,
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  Query.rate(rs.getLong(4), rs.getLong(6)),
                  rs.getLong(5));
            });
    return new AdoptionReport(filter, rows);
  }

  static String isoWeek(LocalDate day) {
    return "%d-W%02d"
        .formatted(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
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
