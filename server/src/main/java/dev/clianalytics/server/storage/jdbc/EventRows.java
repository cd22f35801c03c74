package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.Platform;
import dev.clianalytics.server.storage.Storage.StoredEvent;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads events back from the columns both dialects share, in {@link #COLUMNS} order. */
final class EventRows {
  /** The select list every event query uses; {@link #read} depends on this order. */
  static final String COLUMNS =
      "seq, received_at, event_id, ts, tool_name, tool_version, command_path, flags_present,"
          + " exit_code, duration_ms, error_type, error_message, actor_id, machine_id,"
          + " session_hint, ci_detected, os, arch, runtime";

  private EventRows() {}

  static StoredEvent read(ResultSet rs) throws SQLException {
    long seq = rs.getLong(1);
    Instant receivedAt = instant(rs, 2);
    long duration = rs.getLong(10);
    Long durationMs = rs.wasNull() ? null : duration;
    Event event =
        new Event(
            instant(rs, 4),
            rs.getString(5),
            rs.getString(6),
            strings(rs.getArray(7)),
            strings(rs.getArray(8)),
            rs.getInt(9),
            durationMs,
            rs.getString(11),
            rs.getString(12),
            rs.getString(13),
            rs.getString(14),
            rs.getString(15),
            rs.getBoolean(16),
            uuid(rs.getObject(3)),
            new Platform(rs.getString(17), rs.getString(18), rs.getString(19)));
    return new StoredEvent(seq, receivedAt, event);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static UUID uuid(Object value) {
    return value instanceof UUID u ? u : UUID.fromString(value.toString());
  }

  private static List<String> strings(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    List<String> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add((String) v);
    }
    array.free();
    return out;
  }
}
