package dev.clianalytics.server.storage.postgres;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.Platform;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Streams events with {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} and decodes the rows
 * here: several times cheaper than JDBC result sets with array columns, and cheaper on both sides
 * than text COPY (no timestamp or array formatting and parsing). Reads only what inference uses.
 * Values that repeat from row to row (actor, tool, version, command paths) are decoded once and
 * shared, which saves allocation and makes later comparisons identity checks.
 */
final class PostgresEventCopy {
  private static final String COLUMNS =
      "e.event_id, e.ts, e.tool_name, e.tool_version, e.command_path, e.exit_code, e.duration_ms,"
          + " e.error_type, e.actor_id, e.session_hint, e.ci_detected, e.os, e.arch, e.runtime";
  private static final int FIELDS = 14;

  /** PostgreSQL counts timestamps in microseconds from 2000-01-01T00:00:00Z. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private final CopyBinaryReader in;
  private final BytesCache<String> strings = new BytesCache<>(4096);
  private final BytesCache<List<String>> paths = new BytesCache<>(4096);
  private byte[] actorBytes = new byte[0];
  private String actor;

  private PostgresEventCopy(CopyBinaryReader in) {
    this.in = in;
  }

  static long scan(Connection c, String tail, Consumer<Event> sink) throws SQLException {
    CopyOut copy =
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyOut("COPY (SELECT " + COLUMNS + " " + tail + ") TO STDOUT (FORMAT binary)");
    CopyBinaryReader in = new CopyBinaryReader(copy);
    in.header();
    PostgresEventCopy rows = new PostgresEventCopy(in);
    long n = 0;
    for (int fields; (fields = in.int16()) != -1; n++) {
      if (fields != FIELDS) {
        throw new SQLException("COPY row has " + fields + " fields, expected " + FIELDS);
      }
      sink.accept(rows.event());
    }
    in.end();
    return n;
  }

  private Event event() throws SQLException {
    in.length(16);
    UUID id = new UUID(in.int64(), in.int64());
    in.length(8);
    long micros = in.int64() + PG_EPOCH_MICROS;
    Instant ts =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000);
    String tool = text(in.int32());
    String version = text(in.int32());
    List<String> path = path(in.int32());
    in.length(4);
    int exit = in.int32();
    int durationLength = in.int32();
    Long duration = durationLength < 0 ? null : in.int64();
    String errorType = text(in.int32());
    String actorId = actor(in.int32());
    String hint = text(in.int32());
    in.length(1);
    boolean ci = in.int8() != 0;
    Platform platform = new Platform(text(in.int32()), text(in.int32()), text(in.int32()));
    return new Event(
        ts, tool, version, path, List.of(), exit, duration, errorType, null, actorId, null, hint,
        ci, id, platform);
  }

  /** A text value of {@code length} bytes (-1 for NULL), shared with equal earlier values. */
  private String text(int length) throws SQLException {
    if (length < 0) {
      return null;
    }
    in.need(length);
    String s = strings.get(in.buffer(), in.position(), length, PostgresEventCopy::utf8);
    in.skip(length);
    return s;
  }

  // Rows arrive ordered by actor, so the previous row's actor is almost always this one's.
  private String actor(int length) throws SQLException {
    in.need(length);
    byte[] b = in.buffer();
    int p = in.position();
    if (actor == null || !Arrays.equals(actorBytes, 0, actorBytes.length, b, p, p + length)) {
      actorBytes = Arrays.copyOfRange(b, p, p + length);
      actor = utf8(b, p, length);
    }
    in.skip(length);
    return actor;
  }

  /** A one-dimensional text[] without NULL elements, in binary array format. */
  private List<String> path(int length) throws SQLException {
    if (length < 0) {
      throw new SQLException("command_path is NULL");
    }
    in.need(length);
    List<String> path = paths.get(in.buffer(), in.position(), length, this::decodePath);
    in.skip(length);
    return path;
  }

  private List<String> decodePath(byte[] b, int offset, int length) {
    CopyBinaryReader.Slice s = new CopyBinaryReader.Slice(b, offset);
    int dimensions = s.int32();
    s.int32(); // has-nulls flag: NULL elements are caught below
    s.int32(); // element type
    if (dimensions == 0) {
      return List.of();
    }
    if (dimensions != 1) {
      throw new IllegalStateException("command_path has " + dimensions + " dimensions");
    }
    int count = s.int32();
    s.int32(); // lower bound
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = s.int32();
      if (n < 0) {
        throw new IllegalStateException("command_path holds a NULL element");
      }
      out.add(strings.get(b, s.position(), n, PostgresEventCopy::utf8));
      s.skip(n);
    }
    return List.copyOf(out);
  }

  private static String utf8(byte[] b, int offset, int length) {
    return new String(b, offset, length, StandardCharsets.UTF_8);
  }
}
