package dev.clianalytics.server.storage.duckdb;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.jdbc.Jdbc;
import dev.clianalytics.server.storage.jdbc.SqlRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Bulk insert on DuckDB: the appender fills {@code events_staging}, then one statement merges the
 * new event ids into {@code events} with seqs taken from the {@code counters} table. Runs inside
 * the writer's transaction; the caller serializes writers.
 */
final class DuckDbAppend {
  /**
   * The first occurrence of each id gets the next seq in arrival order; ids already stored are
   * skipped through the primary-key index (an anti-join would scan the whole table every batch),
   * which leaves their seqs unused.
   */
  private static final String MERGE =
      "INSERT INTO events (seq, event_id, received_at, ts, tool_name, tool_version, command_path,"
          + " flags_present, exit_code, duration_ms, error_type, error_message, actor_id,"
          + " machine_id, session_hint, ci_detected, os, arch, runtime)"
          + " SELECT ? + row_number() OVER (ORDER BY ord), event_id, ?, ts, tool_name,"
          + " tool_version, command_path, flags_present, exit_code, duration_ms, error_type,"
          + " error_message, actor_id, machine_id, session_hint, ci_detected, os, arch, runtime"
          + " FROM (SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY ord) AS nth"
          + " FROM events_staging) s"
          + " WHERE nth = 1 ON CONFLICT (event_id) DO NOTHING";

  private DuckDbAppend() {}

  /** Returns how many events were new. */
  static int insert(Connection c, List<Event> events, Instant receivedAt) throws SQLException {
    stage(c.unwrap(DuckDBConnection.class), events);
    long last = DuckDbCounters.last(c, "events");
    int inserted;
    try (PreparedStatement merge = c.prepareStatement(MERGE)) {
      merge.setLong(1, last);
      merge.setObject(2, Jdbc.utc(receivedAt.truncatedTo(ChronoUnit.MICROS)));
      inserted = merge.executeUpdate();
    }
    DuckDbCounters.advance(c, "events", last + distinct(c));
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM events_staging");
    }
    return inserted;
  }

  /**
   * Appends documents (ids and JSON texts in the same order) with the next seqs from the {@code
   * counters} table, in the writer's transaction.
   */
  static void documents(Connection c, List<UUID> ids, List<String> json, Instant receivedAt)
      throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    long last = DuckDbCounters.last(c, "documents");
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, receivedAt);
    try (DuckDBAppender a =
        c.unwrap(DuckDBConnection.class)
            .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "documents")) {
      for (int i = 0; i < ids.size(); i++) {
        a.beginRow();
        a.append(ids.get(i));
        a.append(last + 1 + i);
        a.appendEpochMicros(micros);
        a.append(json.get(i));
        a.endRow();
      }
    }
    DuckDbCounters.advance(c, "documents", last + ids.size());
  }

  private static long distinct(Connection c) throws SQLException {
    return SqlRows.queryLong(c, "SELECT count(DISTINCT event_id) FROM events_staging");
  }

  private static void stage(DuckDBConnection c, List<Event> events) throws SQLException {
    try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events_staging")) {
      int ord = 0;
      for (Event e : events) {
        a.beginRow();
        a.append(ord++);
        a.append(e.eventId());
        a.appendEpochMicros(ChronoUnit.MICROS.between(Instant.EPOCH, e.timestamp()));
        a.append(e.toolName());
        a.append(e.toolVersion());
        a.append(e.commandPath());
        a.append(e.flagsPresent());
        a.append(e.exitCode());
        a.append(e.durationMs());
        a.append(e.errorType());
        a.append(e.errorMessage());
        a.append(e.actorId());
        a.append(e.machineId());
        a.append(e.sessionHint());
        a.append(e.ciDetected());
        a.append(e.platform().os());
        a.append(e.platform().arch());
        a.append(e.platform().runtime());
        a.endRow();
      }
    }
  }
}
