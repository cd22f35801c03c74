package dev.clianalytics.server.report;

/**
 * The reports of who runs which version where (adoption, platforms) read {@code platform_counts}:
 * events per day, actor, tool, tool version and platform, which inference adds to as it processes
 * events (start markers left out, missing values stored as {@code unknown}). A few rows per actor
 * and day instead of every raw event, and they change when the other reports do.
 */
final class PlatformCountsSql {
  private PlatformCountsSql() {}

  /**
   * {@code FROM} a subquery of one row per group of {@code keys} (comma-separated {@code expression
   * AS name} items) and actor, with {@code n}, the actor's events in the group, limited by {@code
   * where} (a {@link ReportFilter#where} on {@code day} and {@code tool}): an outer query that
   * groups it by the keys' names counts distinct actors as {@code count(actor_id)} and events as
   * {@code sum(n)}.
   */
  static String perActor(String keys, String keyNames, String where) {
    return " FROM (SELECT "
        + keys
        + ", actor_id, sum(events) AS n FROM platform_counts WHERE 1 = 1"
        + where
        + " GROUP BY "
        + keyNames
        + ", actor_id) per_actor";
  }

  static ReportFilter.Sql where(ReportFilter filter) {
    return filter.where("day", "tool");
  }
}
