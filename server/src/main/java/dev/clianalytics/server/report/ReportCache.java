package dev.clianalytics.server.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
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

  private record Cached(long generation, Answer answer) {}

  private final Map<String, Cached> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** The work that renders one report on a connection. */
  @FunctionalInterface
  interface Render {
    Answer render(Connection c) throws SQLException;
  }

  /** The cached answer for {@code key} if still current, else renders and keeps it. */
  Answer get(Connection c, String key, Render render) throws SQLException {
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

  private static long generation(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT generation FROM inference_state WHERE id = 1")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
