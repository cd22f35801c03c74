package dev.clianalytics.server.storage.duckdb;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.jdbc.SqlRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Bulk insert on DuckDB: the appender fills a staging table, then one statement merges the new
 * event ids into {@code events} with seqs taken from the {@code counters} table. Several requests'
 * batches can go through one merge and one commit (see docs/server.md, "Performance"): each
 * statement costs DuckDB a few milliseconds whatever its size, so one merge per request capped
 * embedded ingest far below the database's own speed. Runs inside the writer's transaction; the
 * caller serializes writers.
 */
final class DuckDbAppend {
  /**
   * Per-connection staging (a temporary table is never written to the database file or its log). It
   * carries each row's own received_at because one merge can hold batches received at different
   * instants.
   */
  private static final String STAGING =
      "CREATE TEMP TABLE IF NOT EXISTS ingest_staging (ord INTEGER NOT NULL, event_id UUID NOT"
          + " NULL, ts TIMESTAMPTZ NOT NULL, tool_name VARCHAR NOT NULL, tool_version VARCHAR,"
          + " command_path VARCHAR[] NOT NULL, flags_present VARCHAR[] NOT NULL, exit_code INTEGER"
          + " NOT NULL, duration_ms BIGINT, error_type VARCHAR, error_message VARCHAR, actor_id"
          + " VARCHAR NOT NULL, machine_id VARCHAR, session_hint VARCHAR, ci_detected BOOLEAN NOT"
          + " NULL, os VARCHAR, arch VARCHAR, runtime VARCHAR, received_at TIMESTAMPTZ NOT NULL)";

  /**
   * The first occurrence of each id gets the next seq in arrival order; ids already stored are
   * skipped through the primary-key index (an anti-join would scan the whole table every batch),
   * which leaves their seqs unused. Returns the ids that were new.
   */
  private static final String MERGE =
      "INSERT INTO events (seq, event_id, received_at, ts, tool_name, tool_version, command_path,"
          + " flags_present, exit_code, duration_ms, error_type, error_message, actor_id,"
          + " machine_id, session_hint, ci_detected, os, arch, runtime)"
          + " SELECT ? + row_number() OVER (ORDER BY ord), event_id, received_at, ts, tool_name,"
          + " tool_version, command_path, flags_present, exit_code, duration_ms, error_type,"
          + " error_message, actor_id, machine_id, session_hint, ci_detected, os, arch, runtime"
          + " FROM (SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY ord) AS nth"
          + " FROM ingest_staging) s"
          + " WHERE nth = 1 ON CONFLICT (event_id) DO NOTHING RETURNING event_id";

  private DuckDbAppend() {}

  /** One request's events and the instant it was received. */
  record Batch(List<Event> events, Instant receivedAt) {}

  /**
   * Stores the batches in order (earlier batches win duplicate ids) and returns, per batch, how
   * many of its events were new.
   */
  static int[] insert(Connection c, List<Batch> batches) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(STAGING);
    }
    stage(c.unwrap(DuckDBConnection.class), batches);
    long last = DuckDbCounters.last(c, "events");
    Set<UUID> inserted = new HashSet<>();
    try (PreparedStatement merge = c.prepareStatement(MERGE)) {
      merge.setLong(1, last);
      try (ResultSet rs = merge.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getObject(1, UUID.class));
        }
      }
    }
    DuckDbCounters.advance(c, "events", last + distinct(c));
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM ingest_staging");
    }
    int[] accepted = new int[batches.size()];
    for (int b = 0; b < batches.size(); b++) {
      for (Event e : batches.get(b).events()) {
        // The first occurrence of an id claims it, as the merge's row_number() did.
        if (inserted.remove(e.eventId())) {
          accepted[b]++;
        }
      }
    }
    return accepted;
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
    return SqlRows.queryLong(c, "SELECT count(DISTINCT event_id) FROM ingest_staging");
  }

  private static void stage(DuckDBConnection c, List<Batch> batches) throws SQLException {
    try (DuckDBAppender a =
        c.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "ingest_staging")) {
      int ord = 0;
      for (Batch batch : batches) {
        long receivedAt = ChronoUnit.MICROS.between(Instant.EPOCH, batch.receivedAt());
        for (Event e : batch.events()) {
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
          a.appendEpochMicros(receivedAt);
          a.endRow();
        }
      }
    }
  }
}
