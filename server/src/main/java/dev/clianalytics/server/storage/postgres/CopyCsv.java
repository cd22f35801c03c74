package dev.clianalytics.server.storage.postgres;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes events as CSV rows for PostgreSQL's COPY: unquoted empty fields are NULL, quoted ones are
 * strings, arrays travel as array literals, timestamps as ISO-8601 in UTC. Written by hand, with no
 * intermediate strings, because it sits on the ingest hot path.
 */
final class CopyCsv {
  private CopyCsv() {}

  static void row(StringBuilder out, Event e, String receivedAt, int ord, boolean withOrd) {
    if (withOrd) {
      out.append(ord).append(',');
    }
    out.append(e.eventId()).append(',').append(receivedAt).append(',');
    timestamp(out, e.timestamp()).append(',');
    text(out, e.toolName()).append(',');
    text(out, e.toolVersion()).append(',');
    array(out, e.commandPath()).append(',');
    array(out, e.flagsPresent()).append(',');
    out.append(e.exitCode()).append(',');
    if (e.durationMs() != null) {
      out.append(e.durationMs().longValue());
    }
    out.append(',');
    text(out, e.errorType()).append(',');
    text(out, e.errorMessage()).append(',');
    text(out, e.actorId()).append(',');
    text(out, e.machineId()).append(',');
    text(out, e.sessionHint()).append(',');
    out.append(e.ciDetected()).append(',');
    text(out, e.platform().os()).append(',');
    text(out, e.platform().arch()).append(',');
    text(out, e.platform().runtime()).append('\n');
  }

  static StringBuilder text(StringBuilder out, String value) {
    if (value == null) {
      return out;
    }
    out.append('"');
    if (value.indexOf('"') < 0) {
      return out.append(value).append('"'); // nearly every value: one bulk copy
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    return out.append('"');
  }

  /**
   * {@code {"a","b"}}: each element quoted with {@code \} and {@code "} backslash-escaped, and the
   * whole literal CSV-quoted (so every {@code "} is doubled once more).
   */
  static StringBuilder array(StringBuilder out, List<String> values) {
    out.append("\"{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append("\"\"");
      String v = values.get(i);
      if (v.indexOf('"') < 0 && v.indexOf('\\') < 0) {
        out.append(v).append("\"\"");
        continue;
      }
      for (int j = 0; j < v.length(); j++) {
        char c = v.charAt(j);
        if (c == '\\') {
          out.append("\\\\");
        } else if (c == '"') {
          out.append("\\\"\"");
        } else {
          out.append(c);
        }
      }
      out.append("\"\"");
    }
    return out.append("}\"");
  }

  /** {@code 2026-03-01T10:15:30.123456Z} (always six fraction digits; years 1 to 9999). */
  static StringBuilder timestamp(StringBuilder out, Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    pad(out, d.getYear(), 4).append('-');
    pad(out, d.getMonthValue(), 2).append('-');
    pad(out, d.getDayOfMonth(), 2).append('T');
    pad(out, d.getHour(), 2).append(':');
    pad(out, d.getMinute(), 2).append(':');
    pad(out, d.getSecond(), 2).append('.');
    return pad(out, t.getNano() / 1_000, 6).append('Z');
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
      if (value < limit) {
        out.append('0');
      }
    }
    return out.append(value);
  }
}
