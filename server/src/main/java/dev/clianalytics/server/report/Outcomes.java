package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outcome counts of a group of workflow runs, selected as {@link #COUNTS}. {@code actors} is the
 * number of distinct actors, or a lower bound of it where the query did not count them (see {@link
 * Detail#GATE}); the durations are null where the query did not compute them.
 */
record Outcomes(
    long runs,
    long success,
    long failed,
    long abandoned,
    long inProgress,
    long actors,
    Long medianMs,
    Long p90Ms) {

  /**
   * What a group query computes beyond the outcome counts. Distinct actors take a second grouping
   * (by actor) of the group's runs and the percentiles a sort of them, which makes both the costly
   * part of a report.
   */
  enum Detail {
    /** Distinct actors and the duration percentiles: for rows that show them. */
    FULL,
    /**
     * Distinct actors only when {@code MIN_ACTORS} above 1 needs them to hide a group; otherwise
     * {@code actors} is 1, a lower bound that every group with a run reaches. No durations.
     */
    GATE
  }

  /**
   * The aggregates of one group's outcome counts over {@code workflow_runs}, named {@code g_runs},
   * {@code g_success}, {@code g_failed}, {@code g_abandoned} and {@code g_in_progress}.
   */
  static final String COUNTS =
      "count(*) AS g_runs, sum(CASE WHEN outcome = 'SUCCESS' THEN 1 ELSE 0 END) AS g_success,"
          + " sum(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END) AS g_failed,"
          + " sum(CASE WHEN outcome = 'ABANDONED' THEN 1 ELSE 0 END) AS g_abandoned,"
          + " sum(CASE WHEN outcome = 'IN_PROGRESS' THEN 1 ELSE 0 END) AS g_in_progress";

  /** The counts of {@link #COUNTS} summed over the rows of a query that selected them. */
  static final String SUMS =
      "sum(g_runs), sum(g_success), sum(g_failed), sum(g_abandoned), sum(g_in_progress)";

  /**
   * The five counts from column {@code first} on, then {@code actors}, with the durations given.
   */
  static Outcomes read(SqlReads.Row rs, int first, long actors, Long medianMs, Long p90Ms)
      throws SQLException {
    return new Outcomes(
        rs.getLong(first),
        rs.getLong(first + 1),
        rs.getLong(first + 2),
        rs.getLong(first + 3),
        rs.getLong(first + 4),
        actors,
        medianMs,
        p90Ms);
  }

  /**
   * The counts of two disjoint groups of runs together; actors is the larger of the two (a lower
   * bound of the distinct actors), and durations are unknown.
   */
  Outcomes plus(Outcomes other) {
    return new Outcomes(
        runs + other.runs,
        success + other.success,
        failed + other.failed,
        abandoned + other.abandoned,
        inProgress + other.inProgress,
        Math.max(actors, other.actors),
        null,
        null);
  }

  long closed() {
    return success + failed + abandoned;
  }

  Double successRate() {
    return Query.rate(success, closed());
  }

  /** {@code runs}, {@code outcomes} (every key) and {@code success_rate}. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runs", runs);
    json.put("outcomes", countsJson());
    json.put("success_rate", successRate());
    return json;
  }

  /** The count of each outcome, keyed by its name. */
  Map<String, Object> countsJson() {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("SUCCESS", success);
    counts.put("FAILED", failed);
    counts.put("ABANDONED", abandoned);
    counts.put("IN_PROGRESS", inProgress);
    return counts;
  }
}
