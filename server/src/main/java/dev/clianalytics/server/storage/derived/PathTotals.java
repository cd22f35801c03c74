package dev.clianalytics.server.storage.derived;

import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.hotpath.PathCount;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code path_totals} and {@code path_actors} equal to the sums of the stored sessions' hot
 * path contributions: {@link #add} collects the contributions of newly written sessions and {@link
 * #subtract} those of sessions about to be deleted (recomputed from their {@link PathTrail}s), in
 * memory and summed per key, so a session recomputed unchanged costs no rows. The caller writes the
 * collected rows with {@link #writeTo} whenever {@link #full()} says so and at the end.
 */
public final class PathTotals {
  public static final String TOTALS = "day, tool, sequence, failures, occurrences";
  public static final String ACTORS = "day, tool, sequence, actor_id, failures";
  private static final int MAX_KEYS = 200_000;

  /** Sessions read per query by {@link #subtract}, so no cursor is open while rows are written. */
  private static final int PAGE = 500;

  private record ActorKey(String day, String sequence, String actor) {}

  /** Day, then sequence (which determines the tool), then {failures, occurrences}. */
  private final Map<String, Map<String, long[]>> totals = new HashMap<>();

  private final Map<ActorKey, long[]> actors = new HashMap<>();

  /** Names of the sequences {@link #subtract} recomputes, shared as the analyzer's are. */
  private final HotPaths.Names names = new HotPaths.Names();

  private int keys;
  private String lastActor;

  /** Adds one session's path counts; true when the collected keys should be written. */
  public boolean add(String day, List<PathCount> counts) {
    add(day, counts, 1);
    return full();
  }

  private void add(String day, List<PathCount> counts, int sign) {
    Map<String, long[]> byDay = totals.computeIfAbsent(day, d -> new HashMap<>());
    for (PathCount p : counts) {
      long[] t = byDay.get(p.sequence());
      if (t == null) {
        t = new long[2];
        byDay.put(p.sequence(), t);
        keys++;
      }
      t[0] += sign * p.failures();
      t[1] += sign * p.occurrences();
      if (p.failures() > 0) {
        long[] a = actors.get(new ActorKey(day, p.sequence(), p.actorId()));
        if (a == null) {
          a = new long[1];
          actors.put(new ActorKey(day, p.sequence(), p.actorId()), a);
          keys++;
        }
        a[0] += sign * p.failures();
      }
    }
  }

  /**
   * True when {@code actor} (the next session's) differs from the previous session's and many
   * per-actor keys are collected: with sessions in actor order, those are then final and {@link
   * #writeActorsTo} can write them early.
   */
  public boolean actorsComplete(String actor) {
    boolean changed = lastActor != null && !lastActor.equals(actor);
    lastActor = actor;
    return changed && actors.size() >= EventCounts.EARLY_WRITE_KEYS;
  }

  public void writeActorsTo(RowWriter actorRows) throws SQLException {
    for (Map.Entry<ActorKey, long[]> e : actors.entrySet()) {
      ActorKey k = e.getKey();
      if (e.getValue()[0] != 0) {
        actorRows
            .text(k.day())
            .text(DerivedRows.lastTool(k.sequence()))
            .text(k.sequence())
            .text(k.actor())
            .int64(e.getValue()[0])
            .endRow();
      }
    }
    keys -= actors.size();
    actors.clear();
  }

  boolean full() {
    return keys > MAX_KEYS;
  }

  /** Writes the collected sums (keys that cancelled out are skipped) and forgets them. */
  public void writeTo(RowWriter totalRows, RowWriter actorRows) throws SQLException {
    for (Map.Entry<String, Map<String, long[]>> day : totals.entrySet()) {
      for (Map.Entry<String, long[]> e : day.getValue().entrySet()) {
        long[] v = e.getValue();
        if (v[0] != 0 || v[1] != 0) {
          String sequence = e.getKey();
          totalRows
              .text(day.getKey())
              .text(DerivedRows.lastTool(sequence))
              .text(sequence)
              .int64(v[0])
              .int64(v[1])
              .endRow();
        }
      }
    }
    writeActorsTo(actorRows);
    totals.clear();
    keys = 0;
  }

  /** Writes what {@link #subtract} collected, when the keys grow large. */
  @FunctionalInterface
  public interface Flush {
    void run(PathTotals totals) throws SQLException;
  }

  /**
   * Subtracts the contributions of the stored sessions that {@code where} (a condition on {@code
   * sessions} with at most one parameter) selects, before they are deleted. Sessions stored before
   * trails existed carry none and subtract nothing (a full inference rewrites them).
   */
  public void subtract(SqlReads c, String where, Object parameter, Flush flush)
      throws SQLException {
    String sql =
        "SELECT session_id, actor_id, start_day, path_depth, path_trail FROM sessions WHERE ("
            + where
            + ") AND path_trail IS NOT NULL AND session_id > ? ORDER BY session_id LIMIT "
            + PAGE;
    String after = "";
    for (int read = PAGE; read == PAGE; ) {
      List<Object> params = new ArrayList<>();
      if (parameter != null) {
        params.add(parameter);
      }
      params.add(after);
      List<String> ids =
          c.list(
              sql,
              params,
              rs -> {
                add(
                    rs.getString(3),
                    PathTrail.contributions(rs.getString(5), rs.getString(2), rs.getInt(4), names),
                    -1);
                return rs.getString(1);
              });
      read = ids.size();
      if (read > 0) {
        after = ids.getLast();
      }
      if (full()) {
        flush.run(this);
      }
    }
  }
}
