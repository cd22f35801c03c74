package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Loads a batch into a transaction-scoped staging table with COPY, in CSV form: unquoted empty
 * fields are NULL, quoted ones are strings, and arrays travel as PostgreSQL array literals.
 */
final class PostgresCopy {
  static final String STAGING = "events_staging";

  private static final String CREATE_STAGING =
      "CREATE TEMP TABLE "
          + STAGING
          + " (ord integer, event_id uuid, ts timestamptz, tool_name text, tool_version text,"
          + " command_path text[], flags_present text[], exit_code integer, duration_ms bigint,"
          + " error_type text, error_message text, actor_id text, machine_id text,"
          + " session_hint text, ci_detected boolean) ON COMMIT DROP";

  private static final String COPY = "COPY " + STAGING + " FROM STDIN (FORMAT csv)";

  private PostgresCopy() {}

  /** Creates the staging table in the current transaction and copies {@code events} into it. */
  static void stage(Connection c, List<Event> events) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(CREATE_STAGING);
    }
    byte[] csv = csv(events).getBytes(StandardCharsets.UTF_8);
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(csv));
    } catch (java.io.IOException e) {
      throw new SQLException("COPY into staging failed: " + e.getMessage(), "08006", e);
    }
  }

  static String csv(List<Event> events) {
    StringBuilder out = new StringBuilder(events.size() * 256);
    int ord = 0;
    for (Event e : events) {
      out.append(ord++).append(',');
      out.append(e.eventId()).append(',');
      out.append(e.timestamp()).append(',');
      text(out, e.toolName()).append(',');
      text(out, e.toolVersion()).append(',');
      array(out, e.commandPath()).append(',');
      array(out, e.flagsPresent()).append(',');
      out.append(e.exitCode()).append(',');
      out.append(e.durationMs() == null ? "" : e.durationMs().toString()).append(',');
      text(out, e.errorType()).append(',');
      text(out, e.errorMessage()).append(',');
      text(out, e.actorId()).append(',');
      text(out, e.machineId()).append(',');
      text(out, e.sessionHint()).append(',');
      out.append(e.ciDetected()).append('\n');
    }
    return out.toString();
  }

  private static StringBuilder text(StringBuilder out, String value) {
    if (value == null) {
      return out;
    }
    return out.append('"').append(value.replace("\"", "\"\"")).append('"');
  }

  /** An array literal {@code {"a","b"}} with {@code \} and {@code "} escaped, then CSV-quoted. */
  private static StringBuilder array(StringBuilder out, List<String> values) {
    StringBuilder literal = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        literal.append(',');
      }
      literal.append('"');
      literal.append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""));
      literal.append('"');
    }
    return text(out, literal.append('}').toString());
  }
}
