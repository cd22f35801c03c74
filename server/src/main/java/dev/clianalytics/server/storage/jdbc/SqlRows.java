package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.session.StartMarkers;
import dev.clianalytics.server.storage.Storage.Row;
import dev.clianalytics.server.storage.Storage.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Queries written once for both dialects (their SQL agrees on everything used here). */
public final class SqlRows {
  /** Rows fetched per round trip when streaming, which bounds the memory a scan holds. */
  static final int FETCH_SIZE = 2_000;

  private SqlRows() {}

  // Start markers are kept for inference, not listed as events: their exit code is the one value
  // validation refuses (StartMarkers.EXIT_CODE), the lowest 32-bit integer.
  public static List<Row> rows(Connection c, int limit, int offset) throws SQLException {
    List<Row> rows = new ArrayList<>();
    for (StoredEvent e :
        page(
            c,
            "WHERE exit_code <> " + StartMarkers.EXIT_CODE + " ORDER BY seq LIMIT ? OFFSET ?",
            limit,
            offset)) {
      rows.add(new Row(e.event().eventId(), e.event().toJson()));
    }
    if (rows.size() == limit) {
      return rows;
    }
    long events =
        rows.isEmpty()
            ? queryLong(
                c, "SELECT count(*) FROM events WHERE exit_code <> " + StartMarkers.EXIT_CODE)
            : offset + rows.size();
    long documentOffset = Math.max(0, offset - events);
    try (PreparedStatement s =
        c.prepareStatement("SELECT id, payload FROM documents ORDER BY seq LIMIT ? OFFSET ?")) {
      s.setInt(1, limit - rows.size());
      s.setLong(2, documentOffset);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(EventRows.uuid(rs.getObject(1)), payload(rs.getString(2))));
        }
      }
    }
    return rows;
  }

  public static List<StoredEvent> events(Connection c, long afterSeq, int limit)
      throws SQLException {
    return page(c, "WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit);
  }

  private static List<StoredEvent> page(Connection c, String tail, long first, long second)
      throws SQLException {
    List<StoredEvent> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + EventRows.COLUMNS + " FROM events " + tail)) {
      s.setLong(1, first);
      s.setLong(2, second);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(EventRows.read(rs));
        }
      }
    }
    return out;
  }

  public static long forEachEvent(
      Connection c, long afterSeq, long throughSeq, Consumer<StoredEvent> sink)
      throws SQLException {
    long count = 0;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT "
                + EventRows.COLUMNS
                + " FROM events WHERE seq > ? AND seq <= ? ORDER BY actor_id, ts, seq")) {
      s.setFetchSize(FETCH_SIZE);
      s.setLong(1, afterSeq);
      s.setLong(2, throughSeq);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          sink.accept(EventRows.read(rs));
          count++;
        }
      }
    }
    return count;
  }

  @SuppressWarnings("unchecked") // a document is always stored from a JSON object
  private static Map<String, Object> payload(String json) {
    return (Map<String, Object>) Json.parse(json);
  }

  public static long queryLong(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static long update(Connection c, String sql, Object parameter) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, parameter);
      return s.executeLargeUpdate();
    }
  }
}
