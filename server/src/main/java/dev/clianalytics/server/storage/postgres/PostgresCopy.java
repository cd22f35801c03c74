package dev.clianalytics.server.storage.postgres;

import dev.clianalytics.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk insert on PostgreSQL with COPY (rows written by {@link CopyCsv}). Runs in the caller's
 * transaction.
 *
 * <p>Most batches hold only new event ids, so the batch is first copied straight into {@code
 * events} under a savepoint. If any id is already stored or repeated, that copy fails on the
 * primary key, is rolled back to the savepoint, and the batch goes the slower way: COPY into a temp
 * table that drops at commit, then {@code INSERT ... ON CONFLICT (event_id) DO NOTHING}.
 */
final class PostgresCopy {
  private static final String COLUMNS =
      "event_id, received_at, ts, tool_name, tool_version, command_path, flags_present,"
          + " exit_code, duration_ms, error_type, error_message, actor_id, machine_id,"
          + " session_hint, ci_detected, os, arch, runtime";

  private static final String COPY_DIRECT = "COPY events (" + COLUMNS + ") FROM STDIN (FORMAT csv)";

  private static final String CREATE_STAGING =
      "CREATE TEMP TABLE events_staging (ord integer, event_id uuid, received_at timestamptz,"
          + " ts timestamptz, tool_name text, tool_version text, command_path text[],"
          + " flags_present text[], exit_code integer, duration_ms bigint, error_type text,"
          + " error_message text, actor_id text, machine_id text, session_hint text,"
          + " ci_detected boolean, os text, arch text, runtime text) ON COMMIT DROP";

  private static final String COPY_STAGING = "COPY events_staging FROM STDIN (FORMAT csv)";

  /** The first occurrence of each id, in arrival order; ids already stored are skipped. */
  private static final String MERGE_STAGING =
      "INSERT INTO events ("
          + COLUMNS
          + ") SELECT "
          + COLUMNS
          + " FROM (SELECT DISTINCT ON (event_id) * FROM events_staging ORDER BY event_id, ord) s"
          + " ORDER BY ord ON CONFLICT (event_id) DO NOTHING";

  private static final String UNIQUE_VIOLATION = "23505";

  /** Rows per chunk sent to the server (about 100 KB). */
  private static final int CHUNK_ROWS = 400;

  private PostgresCopy() {}

  /** Inserts the batch; returns how many events were new. */
  static int insert(Connection c, List<Event> events, Instant receivedAt) throws SQLException {
    Savepoint fast = c.setSavepoint();
    try {
      copy(c, COPY_DIRECT, events, receivedAt, false);
      c.releaseSavepoint(fast);
      return events.size();
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(fast);
    }
    try (Statement s = c.createStatement()) {
      s.execute(CREATE_STAGING);
    }
    copy(c, COPY_STAGING, events, receivedAt, true);
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(MERGE_STAGING);
    }
  }

  /**
   * Streams the CSV in chunks so PostgreSQL parses one chunk while the next is being written; an
   * error ends the COPY and rolls back the rows it sent.
   */
  private static void copy(
      Connection c, String sql, List<Event> events, Instant receivedAt, boolean withOrd)
      throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      String received = CopyCsv.timestamp(new StringBuilder(), receivedAt).toString();
      StringBuilder chunk = new StringBuilder(CHUNK_ROWS * 300);
      for (int i = 0; i < events.size(); i++) {
        CopyCsv.row(chunk, events.get(i), received, i, withOrd);
        if ((i + 1) % CHUNK_ROWS == 0 || i + 1 == events.size()) {
          byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
          in.writeToCopy(bytes, 0, bytes.length);
          chunk.setLength(0);
        }
      }
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }
}
