package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rendered reports by request, valid while the derived tables have not changed. Every inference,
 * erasure and retention run bumps {@code inference_state.generation}, read in the same snapshot as
 * the report, so an answer is reused only when it is exactly what the tables would give again. With
 * several instances on one database each keeps its own cache and sees the others' changes.
 */
final class ReportCache {
  private static final int MAX_ENTRIES = 256;

  record Answer(String contentType, String body) {}

  /**
   * What an answer depends on: the report, its parsed filter, its other parsed options (records or
   * numbers, compared by value) and the format. Built from validated values only, so no two
   * requests that mean different things can share a key, however their query text is spelled.
   */
  record Key(String report, ReportFilter filter, List<Object> options, boolean csv) {
    Key(String report, ReportFilter filter, List<Object> options) {
      this(report, filter, List.copyOf(options), false);
    }

    Key as(boolean csv) {
      return new Key(report, filter, options, csv);
    }
  }

  private record Cached(long generation, Answer answer) {}

  private final Map<Key, Cached> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** The work that renders one report on a connection. */
  @FunctionalInterface
  interface Render {
    Answer render(SqlReads c) throws SQLException;
  }

  /** The cached answer for {@code key} if still current, else renders and keeps it. */
  Answer get(SqlReads c, Key key, Render render) throws SQLException {
    long generation = generation(c);
    synchronized (entries) {
      Cached hit = entries.get(key);
      if (hit != null && hit.generation() == generation) {
        return hit.answer();
      }
    }
    Answer answer = render.render(c);
    synchronized (entries) {
      entries.put(key, new Cached(generation, answer));
    }
    return answer;
  }

  /** The cached answer for {@code key} if it is current on {@code c}'s snapshot, else null. */
  Answer current(SqlReads c, Key key) throws SQLException {
    long generation = generation(c);
    synchronized (entries) {
      Cached hit = entries.get(key);
      return hit != null && hit.generation() == generation ? hit.answer() : null;
    }
  }

  /** The generation of the derived tables in {@code c}'s snapshot. */
  static long generation(SqlReads c) throws SQLException {
    return c.list(
            "SELECT generation FROM inference_state WHERE id = 1", List.of(), rs -> rs.getLong(1))
        .getFirst();
  }
}
