package dev.clianalytics.server.storage;

import dev.clianalytics.core.hotpath.PathCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps {@code path_totals} and {@code path_actors} equal to the sums of {@code session_paths}:
 * {@link #add} collects the rows of newly written sessions in memory (flushed when large, since
 * rows add up), and {@link #subtract} writes negative rows for sessions about to be deleted.
 */
final class PathTotals {
  static final String TOTALS = "day, tool, sequence, failures, occurrences";
  static final String ACTORS = "day, tool, sequence, actor_id, failures";
  private static final int MAX_KEYS = 200_000;

  private record Key(String day, String tool, String sequence) {}

  private record ActorKey(String day, String tool, String sequence, String actor) {}

  private final Map<Key, long[]> totals = new HashMap<>();
  private final Map<ActorKey, long[]> actors = new HashMap<>();

  /** Adds one session's path count; true when the collected keys should be flushed. */
  boolean add(String day, PathCount p) {
    String tool = DerivedRows.lastTool(p.sequence());
    long[] t = totals.computeIfAbsent(new Key(day, tool, p.sequence()), k -> new long[2]);
    t[0] += p.failures();
    t[1] += p.occurrences();
    if (p.failures() > 0) {
      actors
              .computeIfAbsent(
                  new ActorKey(day, tool, p.sequence(), p.actorId()), k -> new long[1])[0] +=
          p.failures();
    }
    return totals.size() + actors.size() > MAX_KEYS;
  }

  void writeTo(RowWriter totalRows, RowWriter actorRows) throws SQLException {
    for (Map.Entry<Key, long[]> e : totals.entrySet()) {
      Key k = e.getKey();
      totalRows.add(k.day(), k.tool(), k.sequence(), e.getValue()[0], e.getValue()[1]);
    }
    for (Map.Entry<ActorKey, long[]> e : actors.entrySet()) {
      ActorKey k = e.getKey();
      actorRows.add(k.day(), k.tool(), k.sequence(), k.actor(), e.getValue()[0]);
    }
    totals.clear();
    actors.clear();
  }

  /**
   * Writes negative rows for the session_paths rows that {@code sessions} (a condition on {@code
   * session_id} with one parameter) selects, before they are deleted.
   */
  static void subtract(Connection c, String sessions, Object parameter) throws SQLException {
    run(
        c,
        "INSERT INTO path_totals ("
            + TOTALS
            + ") SELECT start_day, tool, sequence,"
            + " -sum(failures), -sum(occurrences) FROM session_paths WHERE "
            + sessions
            + " GROUP BY start_day, tool, sequence",
        parameter);
    run(
        c,
        "INSERT INTO path_actors ("
            + ACTORS
            + ") SELECT start_day, tool, sequence, actor_id,"
            + " -sum(failures) FROM session_paths WHERE failures > 0 AND "
            + sessions
            + " GROUP BY start_day, tool, sequence, actor_id",
        parameter);
  }

  private static void run(Connection c, String sql, Object parameter) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (parameter != null) {
        s.setObject(1, parameter);
      }
      s.executeUpdate();
    }
  }
}
