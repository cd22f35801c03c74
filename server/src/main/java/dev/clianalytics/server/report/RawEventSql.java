package dev.clianalytics.server.report;

import dev.clianalytics.core.session.StartMarkers;
import dev.clianalytics.server.storage.SqlReads;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The condition of the reports that read the {@code events} table itself (adoption, platforms):
 * only events inference has already processed, so they change when the other reports do and the
 * report cache stays right; start markers left out; {@code from}/{@code to}/{@code tool} on the
 * event's UTC time in epoch seconds, which both databases compute alike.
 */
final class RawEventSql {
  private RawEventSql() {}

  /** {@code WHERE ...} for {@code filter}, with its parameters appended to {@code params}. */
  static String where(SqlReads c, ReportFilter filter, List<Object> params) {
    StringBuilder sql =
        new StringBuilder(" WHERE exit_code <> ")
            .append(StartMarkers.EXIT_CODE)
            .append(" AND seq <= (SELECT coalesce(max(last_seq), 0) FROM inference_state)");
    if (filter.from() != null) {
      sql.append(" AND ").append(c.epochSeconds()).append(" >= ?");
      params.add(epochSeconds(filter.from()));
    }
    if (filter.to() != null) {
      sql.append(" AND ").append(c.epochSeconds()).append(" < ?");
      params.add(epochSeconds(filter.to().plusDays(1)));
    }
    if (filter.tool() != null) {
      sql.append(" AND tool_name = ?");
      params.add(filter.tool());
    }
    return sql.toString();
  }

  /**
   * {@code FROM} a subquery of one row per group of {@code keys} (comma-separated {@code expression
   * AS name} items) and actor, with {@code n}, the actor's events in the group: an outer query that
   * groups it by the keys' names counts distinct actors as {@code count(actor_id)} and events as
   * {@code sum(n)}. This is {@code count(DISTINCT actor_id)} over the events, computed by hashing
   * instead of sorting every event (several times faster on PostgreSQL when actors run many
   * commands each).
   */
  static String perActor(SqlReads c, String keys, String keyNames, String where) {
    return " FROM (SELECT "
        + keys
        + ", actor_id, count(*) AS n FROM "
        + c.events()
        + where
        + " GROUP BY "
        + keyNames
        + ", actor_id) per_actor";
  }

  private static long epochSeconds(LocalDate day) {
    return day.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }
}
