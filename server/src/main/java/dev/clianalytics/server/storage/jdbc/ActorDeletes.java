package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.server.storage.derived.DerivedRows;
import dev.clianalytics.server.storage.derived.PathTotals;
import dev.clianalytics.server.storage.derived.RowWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Erasure and retention of every table in {@link ActorTables}, raw and derived, in one transaction
 * the caller holds.
 */
public final class ActorDeletes {
  private ActorDeletes() {}

  /** Deletes every row of one stored actor id; returns the events and documents removed. */
  public static long actor(Connection c, SqlDialect dialect, String actorId) throws SQLException {
    subtractPaths(c, dialect, "actor_id = ?", actorId);
    long raw = 0;
    for (ActorTables.Table t : ActorTables.ALL) {
      long removed =
          switch (t.erasure()) {
            case BY_SESSION ->
                delete(
                    c,
                    "DELETE FROM "
                        + t.name()
                        + " WHERE session_id IN (SELECT session_id FROM sessions WHERE actor_id = ?)",
                    actorId);
            case BY_ACTOR_ID ->
                delete(c, "DELETE FROM " + t.name() + " WHERE actor_id = ?", actorId);
            // a stored actor id is 64 hex digits: found in a document's text, it names the actor
            case BY_DOCUMENT_TEXT ->
                delete(
                    c,
                    "DELETE FROM " + t.name() + " WHERE strpos(CAST(payload AS text), ?) > 0",
                    actorId);
            case TRANSIENT -> 0;
          };
      if (t.name().equals("events") || t.erasure() == ActorTables.Erasure.BY_DOCUMENT_TEXT) {
        raw += removed;
      }
    }
    changed(c);
    return raw;
  }

  /**
   * Deletes rows older than {@code cutoff}: raw events before it, documents received before it,
   * derived rows of sessions that ended before it and daily counts of days wholly before it (a
   * session or day that straddles the cutoff keeps its rows). The workflow runs about to go are
   * first counted into {@code workflow_weeks}, which keeps no identifiers; its rows of days wholly
   * before {@code aggregateCutoff} go (null keeps them forever). Returns the events removed.
   */
  public static long before(
      Connection c, SqlDialect dialect, Instant cutoff, Instant aggregateCutoff)
      throws SQLException {
    long micros = DerivedRows.micros(cutoff);
    String day = DerivedRows.day(cutoff);
    rollUpRuns(c, micros);
    if (aggregateCutoff != null) {
      delete(c, "DELETE FROM workflow_weeks WHERE start_day < ?", DerivedRows.day(aggregateCutoff));
    }
    subtractPaths(c, dialect, "end_us < ?", micros);
    long events = 0;
    for (ActorTables.Table t : ActorTables.ALL) {
      switch (t.retention()) {
        case SESSION_ENDED ->
            delete(
                c,
                "DELETE FROM "
                    + t.name()
                    + " WHERE session_id IN (SELECT session_id FROM sessions WHERE end_us < ?)",
                micros);
        case ENDED -> delete(c, "DELETE FROM " + t.name() + " WHERE end_us < ?", micros);
        case PATH_GROUPS -> compactPaths(c, day);
        case DAY -> delete(c, "DELETE FROM " + t.name() + " WHERE day < ?", day);
        case TIMESTAMP ->
            events += delete(c, "DELETE FROM " + t.name() + " WHERE ts < ?", utc(cutoff));
        case RECEIVED ->
            delete(c, "DELETE FROM " + t.name() + " WHERE received_at < ?", utc(cutoff));
        case TRANSIENT -> {
          // nothing stays in it between transactions
        }
      }
    }
    changed(c);
    return events;
  }

  // Outcome counts per day, week and workflow of the runs of sessions ending before the cutoff.
  private static void rollUpRuns(Connection c, long endedBeforeMicros) throws SQLException {
    delete(
        c,
        "INSERT INTO workflow_weeks (start_day, week, workflow, tool, category, auto, runs,"
            + " success, failed, abandoned, in_progress, actors, events)"
            + " SELECT start_day, week, workflow, tool, category, auto, count(*),"
            + " sum(CASE WHEN outcome = 'SUCCESS' THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN outcome = 'ABANDONED' THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN outcome = 'IN_PROGRESS' THEN 1 ELSE 0 END),"
            + " count(DISTINCT actor_id), sum(events) FROM workflow_runs"
            + " WHERE session_id IN (SELECT session_id FROM sessions WHERE end_us < ?)"
            + " GROUP BY start_day, week, workflow, tool, category, auto",
        endedBeforeMicros);
  }

  private static Object utc(Instant instant) {
    return Jdbc.utc(instant);
  }

  // Negative path rows for the sessions about to go, so the totals stay their sums.
  private static void subtractPaths(
      Connection c, SqlDialect dialect, String where, Object parameter) throws SQLException {
    PathTotals paths = new PathTotals();
    PathTotals.Flush write =
        p -> {
          try (RowWriter totals = InsertRows.open(c, "path_totals", PathTotals.TOTALS);
              RowWriter actors = InsertRows.open(c, "path_actors", PathTotals.ACTORS)) {
            p.writeTo(totals, actors);
          }
        };
    paths.subtract(new JdbcReads(c, dialect), where, parameter, write);
    write.run(paths);
  }

  // Expired sessions leave groups that sum to zero; drop them so no actor id outlives retention.
  private static void compactPaths(Connection c, String day) throws SQLException {
    String actorKey = "day || '|' || tool || '|' || sequence || '|' || actor_id";
    delete(
        c,
        "DELETE FROM path_actors WHERE day <= ? AND "
            + actorKey
            + " IN (SELECT "
            + actorKey
            + " FROM path_actors GROUP BY day, tool, sequence, actor_id"
            + " HAVING sum(failures) = 0)",
        day);
    String key = "day || '|' || tool || '|' || sequence";
    delete(
        c,
        "DELETE FROM path_totals WHERE day <= ? AND "
            + key
            + " IN (SELECT "
            + key
            + " FROM path_totals GROUP BY day, tool, sequence"
            + " HAVING sum(failures) = 0 AND sum(occurrences) = 0)",
        day);
  }

  // Reports cached for the previous generation must not be served after an erasure.
  private static void changed(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE inference_state SET generation = generation + 1 WHERE id = 1")) {
      s.executeUpdate();
    }
  }

  private static long delete(Connection c, String sql, Object parameter) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, parameter);
      return s.executeLargeUpdate();
    }
  }
}
