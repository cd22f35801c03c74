package dev.clianalytics.server.storage;

import dev.clianalytics.core.hotpath.PathCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps {@code path_totals} and {@code path_actors} equal to the sums of the stored sessions' hot
 * path contributions: {@link #add} collects the contributions of newly written sessions and {@link
 * #subtract} those of sessions about to be deleted (recomputed from their {@link PathTrail}s), in
 * memory and summed per key, so a session recomputed unchanged costs no rows. The caller writes the
 * collected rows with {@link #writeTo} whenever {@link #full()} says so and at the end.
 */
final class PathTotals {
  static final String TOTALS = "day, tool, sequence, failures, occurrences";
  static final String ACTORS = "day, tool, sequence, actor_id, failures";
  private static final int MAX_KEYS = 200_000;

  /** Sessions read per query by {@link #subtract}, so no cursor is open while rows are written. */
  private static final int PAGE = 500;

  private record Key(String day, String tool, String sequence) {}

  private record ActorKey(String day, String tool, String sequence, String actor) {}

  private final Map<Key, long[]> totals = new HashMap<>();
  private final Map<ActorKey, long[]> actors = new HashMap<>();

  /** Adds one session's path count; true when the collected keys should be written. */
  boolean add(String day, PathCount p) {
    add(day, p, 1);
    return full();
  }

  private void add(String day, PathCount p, int sign) {
    String tool = DerivedRows.lastTool(p.sequence());
    long[] t = totals.computeIfAbsent(new Key(day, tool, p.sequence()), k -> new long[2]);
    t[0] += sign * p.failures();
    t[1] += sign * p.occurrences();
    if (p.failures() > 0) {
      actors
              .computeIfAbsent(
                  new ActorKey(day, tool, p.sequence(), p.actorId()), k -> new long[1])[0] +=
          sign * p.failures();
    }
  }

  boolean full() {
    return totals.size() + actors.size() > MAX_KEYS;
  }

  /** Writes the collected sums (keys that cancelled out are skipped) and forgets them. */
  void writeTo(RowWriter totalRows, RowWriter actorRows) throws SQLException {
    for (Map.Entry<Key, long[]> e : totals.entrySet()) {
      Key k = e.getKey();
      long[] v = e.getValue();
      if (v[0] != 0 || v[1] != 0) {
        totalRows.add(k.day(), k.tool(), k.sequence(), v[0], v[1]);
      }
    }
    for (Map.Entry<ActorKey, long[]> e : actors.entrySet()) {
      ActorKey k = e.getKey();
      if (e.getValue()[0] != 0) {
        actorRows.add(k.day(), k.tool(), k.sequence(), k.actor(), e.getValue()[0]);
      }
    }
    totals.clear();
    actors.clear();
  }

  /** Writes what {@link #subtract} collected, when the keys grow large. */
  @FunctionalInterface
  interface Flush {
    void run(PathTotals totals) throws SQLException;
  }

  /**
   * Subtracts the contributions of the stored sessions that {@code where} (a condition on {@code
   * sessions} with at most one parameter) selects, before they are deleted. Sessions stored before
   * trails existed carry none and subtract nothing (a full inference rewrites them).
   */
  void subtract(Connection c, String where, Object parameter, Flush flush) throws SQLException {
    String sql =
        "SELECT session_id, actor_id, start_day, path_depth, path_trail FROM sessions WHERE ("
            + where
            + ") AND path_trail IS NOT NULL AND session_id > ? ORDER BY session_id LIMIT "
            + PAGE;
    String after = "";
    for (int read = PAGE; read == PAGE; ) {
      read = 0;
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = 1;
        if (parameter != null) {
          s.setObject(i++, parameter);
        }
        s.setString(i, after);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            after = rs.getString(1);
            String day = rs.getString(3);
            for (PathCount p :
                PathTrail.contributions(rs.getString(5), rs.getString(2), rs.getInt(4))) {
              add(day, p, -1);
            }
            read++;
          }
        }
      }
      if (full()) {
        flush.run(this);
      }
    }
  }
}
