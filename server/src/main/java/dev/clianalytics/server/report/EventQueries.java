package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.List;

/**
 * Totals, failing commands and error types, from the daily event counts and sessions. Distinct
 * actors are the rows of a grouping by actor rather than {@code count(DISTINCT ...)}, which
 * PostgreSQL computes by sorting every row of each group.
 */
final class EventQueries {
  private EventQueries() {}

  /**
   * Events, actors, sessions and the CI share: from {@code days} when they are kept ({@link
   * EventDays}), otherwise from the database.
   */
  static Totals totals(SqlReads c, ReportFilter filter, EventDays days) throws SQLException {
    if (days != null) {
      return days.totals(filter);
    }
    ReportFilter.Sql where = filter.where("day", "tool");
    long[] t =
        Query.list(
                c,
                "SELECT coalesce(sum(n), 0), coalesce(sum(n_ci), 0), count(*) FROM (SELECT"
                    + " actor_id, sum(events) AS n, sum(CASE WHEN ci THEN events ELSE 0 END) AS"
                    + " n_ci FROM event_counts WHERE 1 = 1"
                    + where.text()
                    + " GROUP BY actor_id) per_actor",
                where.params(),
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
            .get(0);
    ReportFilter.Sql sessionWhere =
        new ReportFilter(filter.from(), filter.to(), null).where("start_day", null);
    List<Object> params = Query.params();
    params.addAll(sessionWhere.params());
    String toolClause = "";
    if (filter.tool() != null) {
      toolClause = " AND " + c.contains("tools");
      params.add(" " + filter.tool() + " ");
    }
    long sessions =
        Query.list(
                c,
                "SELECT count(*) FROM sessions WHERE 1 = 1" + sessionWhere.text() + toolClause,
                params,
                rs -> rs.getLong(1))
            .get(0);
    return new Totals(t[0], t[2], sessions, Query.rate(t[1], t[0]));
  }

  /** Commands by failures, then actors: {@code command, failures, actors, failure_rate}. */
  static List<FailingCommand> failingCommands(
      SqlReads c, ReportFilter filter, int minActors, int limit) throws SQLException {
    ReportFilter.Sql where = filter.where("day", "tool");
    List<Object> params = Query.params();
    params.addAll(where.params());
    params.add(minActors);
    params.add(limit);
    return Query.list(
        c,
        "SELECT command, sum(n_failed) AS f, sum(CASE WHEN n_failed > 0 THEN 1 ELSE 0 END) AS a,"
            + " sum(n) FROM (SELECT command, actor_id, sum(failures) AS n_failed, sum(events) AS n"
            + " FROM event_counts WHERE 1 = 1"
            + where.text()
            + " GROUP BY command, actor_id) per_actor GROUP BY command HAVING sum(n_failed) > 0"
            + " AND sum(CASE WHEN n_failed > 0 THEN 1 ELSE 0 END) >= ?"
            + " ORDER BY f DESC, a DESC, "
            + c.codePointOrder("command")
            + " LIMIT ?",
        params,
        rs ->
            new FailingCommand(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                Query.rate(rs.getLong(2), rs.getLong(4))));
  }

  /** Error types by events: {@code error_type, count, actors}. */
  static List<ErrorTypeCount> errorTypes(SqlReads c, ReportFilter filter, int minActors, int limit)
      throws SQLException {
    ReportFilter.Sql where = filter.where("day", "tool");
    List<Object> params = Query.params();
    params.addAll(where.params());
    params.add(minActors);
    params.add(limit);
    return Query.list(
        c,
        "SELECT error_type, sum(n) AS total, count(*) AS a FROM (SELECT error_type, actor_id,"
            + " sum(events) AS n FROM error_counts WHERE 1 = 1"
            + where.text()
            + " GROUP BY error_type, actor_id) per_actor GROUP BY error_type HAVING count(*) >= ?"
            + " ORDER BY total DESC, a DESC, "
            + c.codePointOrder("error_type")
            + " LIMIT ?",
        params,
        rs -> new ErrorTypeCount(rs.getString(1), rs.getLong(2), rs.getLong(3)));
  }
}
