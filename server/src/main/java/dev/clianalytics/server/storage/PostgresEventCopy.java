package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Streams events with {@code COPY (SELECT ...) TO STDOUT} in text format, one row per message, and
 * parses them here: several times faster than JDBC result sets with array columns, so a full
 * inference costs little more than reading the events once. Reads only what inference uses.
 */
final class PostgresEventCopy {
  private static final String COLUMNS =
      "e.event_id, (extract(epoch FROM e.ts) * 1000000)::bigint, e.tool_name, e.tool_version,"
          + " e.command_path, e.exit_code, e.duration_ms, e.error_type, e.actor_id,"
          + " e.session_hint, e.ci_detected";

  private PostgresEventCopy() {}

  static long scan(Connection c, String tail, Consumer<Event> sink) throws SQLException {
    CopyOut copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyOut("COPY (SELECT " + COLUMNS + " " + tail + ") TO STDOUT");
    long n = 0;
    byte[] row;
    while ((row = copy.readFromCopy()) != null) {
      sink.accept(parse(new String(row, StandardCharsets.UTF_8)));
      n++;
    }
    return n;
  }

  static Event parse(String line) {
    List<String> f = fields(line);
    String duration = f.get(6);
    return new Event(
        Instant.EPOCH.plus(Long.parseLong(f.get(1)), ChronoUnit.MICROS),
        f.get(2),
        f.get(3),
        array(f.get(4)),
        List.of(),
        Integer.parseInt(f.get(5)),
        duration == null ? null : Long.valueOf(duration),
        f.get(7),
        null,
        f.get(8),
        null,
        f.get(9),
        "t".equals(f.get(10)),
        UUID.fromString(f.get(0)));
  }

  /** Tab-separated fields; {@code \N} is null; backslash escapes undone. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>(11);
    StringBuilder field = new StringBuilder();
    int end = line.endsWith("\n") ? line.length() - 1 : line.length();
    for (int i = 0; i <= end; i++) {
      char ch = i == end ? '\t' : line.charAt(i);
      if (ch == '\t') {
        String value = field.toString();
        out.add(value.equals("\\N") ? null : unescape(value));
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    return out;
  }

  private static String unescape(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'v' -> '\u000b';
              default -> next;
            });
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  /** A one-dimensional text array literal such as {@code {a,"b c"}}. */
  static List<String> array(String literal) {
    List<String> out = new ArrayList<>();
    if (literal.length() <= 2) {
      return out;
    }
    StringBuilder element = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 1; i < literal.length() - 1; i++) {
      char ch = literal.charAt(i);
      if (quoted) {
        if (ch == '\\') {
          element.append(literal.charAt(++i));
        } else if (ch == '"') {
          quoted = false;
        } else {
          element.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (ch == ',') {
        out.add(element.toString());
        element.setLength(0);
        wasQuoted = false;
      } else {
        element.append(ch);
      }
    }
    if (!wasQuoted && element.toString().equals("NULL")) {
      throw new IllegalStateException("command_path holds a NULL element");
    }
    out.add(element.toString());
    return out;
  }
}
