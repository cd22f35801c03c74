package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.List;

/** Totals, failing commands and error types, from the daily event counts and sessions. */
final class EventQueries {
  private EventQueries() {}

  /** Events, actors, sessions and the CI share. */
  static Totals totals(SqlReads c, ReportFilter filter) throws SQLException {
    ReportFilter.Sql where = filter.where("day", "tool");
    long[] t =
        Query.list(
                c,
                "SELECT coalesce(sum(events), 0), coalesce(sum(CASE WHEN ci THEN events ELSE 0"
                    + " END), 0), count(DISTINCT actor_id) FROM event_counts WHERE 1 = 1"
                    + where.text(),
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
        "SELECT command, sum(failures) AS f, count(DISTINCT CASE WHEN failures > 0 THEN actor_id"
            + " END) AS a, sum(events) FROM event_counts WHERE 1 = 1"
            + where.text()
            + " GROUP BY command HAVING sum(failures) > 0 AND count(DISTINCT CASE WHEN failures"
            + " > 0 THEN actor_id END) >= ? ORDER BY f DESC, a DESC, command LIMIT ?",
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
        "SELECT error_type, sum(events) AS n, count(DISTINCT actor_id) AS a FROM error_counts"
            + " WHERE 1 = 1"
            + where.text()
            + " GROUP BY error_type HAVING count(DISTINCT actor_id) >= ?"
            + " ORDER BY n DESC, a DESC, error_type LIMIT ?",
        params,
        rs -> new ErrorTypeCount(rs.getString(1), rs.getLong(2), rs.getLong(3)));
  }
}
