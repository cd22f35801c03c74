package dev.clianalytics.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** Erasure and retention of derived rows, run in the same transaction as the raw deletes. */
final class DerivedDeletes {
  private DerivedDeletes() {}

  /** Deletes every derived row of one actor. */
  static void actor(Connection c, String actorId) throws SQLException {
    subtractPaths(c, "actor_id = ?", actorId);
    delete(c, "DELETE FROM path_actors WHERE actor_id = ?", actorId);
    // by session id, which every per-session table is indexed on, then the sessions themselves
    for (String table : DerivedRows.PER_SESSION) {
      if (!table.equals("sessions")) {
        delete(
            c,
            "DELETE FROM "
                + table
                + " WHERE session_id IN (SELECT session_id FROM sessions WHERE actor_id = ?)",
            actorId);
      }
    }
    delete(c, "DELETE FROM sessions WHERE actor_id = ?", actorId);
    changed(c);
    delete(c, "DELETE FROM event_counts WHERE actor_id = ?", actorId);
    delete(c, "DELETE FROM error_counts WHERE actor_id = ?", actorId);
  }

  /**
   * Deletes derived rows of sessions that ended before {@code cutoff} and daily counts of days
   * wholly before it; a session or day that straddles the cutoff keeps its rows.
   */
  static void before(Connection c, Instant cutoff) throws SQLException {
    long micros = DerivedRows.micros(cutoff);
    subtractPaths(c, "end_us < ?", micros);
    for (String table : DerivedRows.PER_SESSION) {
      if (!table.equals("sessions")) {
        delete(
            c,
            "DELETE FROM "
                + table
                + " WHERE session_id IN (SELECT session_id FROM sessions WHERE end_us < ?)",
            micros);
      }
    }
    delete(c, "DELETE FROM sessions WHERE end_us < ?", micros);
    String day = DerivedRows.day(cutoff);
    compactPaths(c, day);
    delete(c, "DELETE FROM event_counts WHERE day < ?", day);
    delete(c, "DELETE FROM error_counts WHERE day < ?", day);
    changed(c);
  }

  // Negative path rows for the sessions about to go, so the totals stay their sums.
  private static void subtractPaths(Connection c, String where, Object parameter)
      throws SQLException {
    PathTotals paths = new PathTotals();
    PathTotals.Flush write =
        p -> {
          try (RowWriter totals = InsertRows.open(c, "path_totals", PathTotals.TOTALS);
              RowWriter actors = InsertRows.open(c, "path_actors", PathTotals.ACTORS)) {
            p.writeTo(totals, actors);
          }
        };
    paths.subtract(c, where, parameter, write);
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

  private static void delete(Connection c, String sql, Object parameter) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, parameter);
      s.executeUpdate();
    }
  }
}
