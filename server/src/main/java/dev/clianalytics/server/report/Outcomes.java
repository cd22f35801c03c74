package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Outcome counts of a group of workflow runs, read from {@link #columns}. */
record Outcomes(
    long runs,
    long success,
    long failed,
    long abandoned,
    long inProgress,
    long actors,
    Long medianMs,
    Long p90Ms) {

  /** The aggregate select list {@link #read} expects, over {@code workflow_runs}. */
  static String columns(SqlReads sql) {
    return "count(*), sum(CASE WHEN outcome = 'SUCCESS' THEN 1 ELSE 0 END),"
        + " sum(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END),"
        + " sum(CASE WHEN outcome = 'ABANDONED' THEN 1 ELSE 0 END),"
        + " sum(CASE WHEN outcome = 'IN_PROGRESS' THEN 1 ELSE 0 END),"
        + " count(DISTINCT actor_id),"
        + " "
        + sql.percentileDisc("0.5", "duration_ms")
        + ", "
        + sql.percentileDisc("0.9", "duration_ms");
  }

  static Outcomes read(SqlReads.Row rs, int first) throws SQLException {
    return new Outcomes(
        rs.getLong(first),
        rs.getLong(first + 1),
        rs.getLong(first + 2),
        rs.getLong(first + 3),
        rs.getLong(first + 4),
        rs.getLong(first + 5),
        Query.longOrNull(rs, first + 6),
        Query.longOrNull(rs, first + 7));
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
