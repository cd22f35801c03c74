package dev.clianalytics.server.otlp;

import dev.clianalytics.core.event.Platform;
import dev.clianalytics.core.privacy.Argv;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The span mapping of docs/opentelemetry.md. A span is a command run when it carries {@code
 * process.exit.code}, or when it is a root span of kind INTERNAL with {@code
 * process.executable.name} (the semantic conventions for CLI programs). Its argv goes through the
 * rules {@code cli-analytics exec} uses ({@link Argv}); identifiers are passed on raw, for the
 * ingest service's privacy rules to hash.
 */
final class SpanMapper {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Words of a span name read as a command path; the path keeps at most six anyway. */
  private static final int NAME_WORDS = 8;

  private SpanMapper() {}

  static SpanMapping map(Span span, List<KeyValue> resource) {
    List<KeyValue> attributes = span.getAttributesList();
    AnyValue exit = Attributes.find(attributes, "process.exit.code");
    String executable = Attributes.text(Attributes.find(attributes, "process.executable.name"));
    boolean root = span.getParentSpanId().isEmpty();
    if (exit == null
        && !(root && span.getKind() == Span.SpanKind.SPAN_KIND_INTERNAL && executable != null)) {
      return SpanMapping.NOT_A_COMMAND;
    }
    Long exitCode = exit == null ? Long.valueOf(statusExit(span)) : Attributes.integer(exit);
    String tool = executable != null ? executable : Attributes.firstText(resource, "service.name");
    String actor = actor(attributes, resource);
    SpanMapping.Rejected rejected = check(span, exitCode, tool, actor);
    return rejected != null
        ? rejected
        : new SpanMapping.Run(event(span, resource, exitCode, tool, actor));
  }

  /** Why a command run cannot become an event, or null when it can. */
  private static SpanMapping.Rejected check(Span span, Long exitCode, String tool, String actor) {
    if (!validId(span.getTraceId().toByteArray(), 16)) {
      return new SpanMapping.Rejected(
          "traceId", "must be 16 bytes (32 hex digits in JSON), not all zero");
    }
    if (!validId(span.getSpanId().toByteArray(), 8)) {
      return new SpanMapping.Rejected(
          "spanId", "must be 8 bytes (16 hex digits in JSON), not all zero");
    }
    if (exitCode == null || exitCode < Integer.MIN_VALUE || exitCode > Integer.MAX_VALUE) {
      return new SpanMapping.Rejected("process.exit.code", "must be a 32-bit integer");
    }
    long start = span.getStartTimeUnixNano();
    long end = span.getEndTimeUnixNano();
    if (start == 0) {
      return new SpanMapping.Rejected("startTimeUnixNano", "is required");
    }
    if (end != 0 && Long.compareUnsigned(end, start) < 0) {
      return new SpanMapping.Rejected("endTimeUnixNano", "is before startTimeUnixNano");
    }
    if (tool == null) {
      return new SpanMapping.Rejected(
          "process.executable.name", "is required when the resource has no service.name");
    }
    if (actor == null) {
      return new SpanMapping.Rejected(
          "enduser.id",
          "no actor: set enduser.id or user.id on the span, or service.instance.id or host.id"
              + " on the resource");
    }
    return null;
  }

  /** The unvalidated schema-v1 event of a command run that passed {@link #check}. */
  private static Map<String, Object> event(
      Span span, List<KeyValue> resource, long exitCode, String tool, String actor) {
    List<KeyValue> attributes = span.getAttributesList();
    Map<String, Object> event = new HashMap<>(20);
    event.put("event_id", eventId(span).toString());
    event.put("timestamp", instant(span.getStartTimeUnixNano()).toString());
    event.put("tool_name", tool);
    putIfPresent(event, "tool_version", Attributes.firstText(resource, "service.version"));
    List<String> argv = Attributes.argv(Attributes.find(attributes, "process.command_args"));
    if (argv != null && !argv.isEmpty()) {
      argv.set(0, tool);
      Argv parsed = Argv.parse(argv, Argv.DEFAULT_DEPTH);
      event.put("command_path", parsed.commandPath());
      event.put("flags_present", parsed.flags());
    } else {
      event.put("command_path", nameAsPath(span.getName(), tool));
    }
    event.put("exit_code", exitCode);
    if (span.getEndTimeUnixNano() != 0) {
      long nanos = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
      event.put("duration_ms", Long.divideUnsigned(nanos, NANOS_PER_MILLI));
    }
    putIfPresent(event, "error_type", Attributes.text(Attributes.find(attributes, "error.type")));
    String message = span.getStatus().getMessage();
    putIfPresent(event, "error_message", message.isBlank() ? null : message);
    event.put("actor_id", actor);
    putIfPresent(event, "machine_id", Attributes.firstText(resource, "host.id"));
    event.put("session_hint", HexFormat.of().formatHex(span.getTraceId().toByteArray()));
    event.put("ci_detected", ci(attributes, resource));
    putIfPresent(event, "os", Platform.os(Attributes.firstText(resource, "os.type")));
    putIfPresent(event, "arch", Platform.arch(Attributes.firstText(resource, "host.arch")));
    putIfPresent(
        event,
        "runtime",
        Platform.runtime(
            Attributes.firstText(resource, "process.runtime.name"),
            Attributes.firstText(resource, "process.runtime.version")));
    return event;
  }

  private static int statusExit(Span span) {
    return span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR ? 1 : 0;
  }

  private static boolean validId(byte[] id, int length) {
    if (id.length != length) {
      return false;
    }
    for (byte b : id) {
      if (b != 0) {
        return true;
      }
    }
    return false;
  }

  private static String actor(List<KeyValue> attributes, List<KeyValue> resource) {
    String person = Attributes.firstText(attributes, "enduser.id", "user.id");
    if (person == null) {
      person = Attributes.firstText(resource, "enduser.id", "user.id");
    }
    return person != null
        ? person
        : Attributes.firstText(resource, "service.instance.id", "host.id");
  }

  /** The span name's words, with the tool first when the name does not start with it. */
  private static List<String> nameAsPath(String name, String tool) {
    List<String> words = Attributes.words(name, NAME_WORDS);
    List<String> path = new ArrayList<>(words.size() + 1);
    if (words.isEmpty() || !words.getFirst().equalsIgnoreCase(tool)) {
      path.add(tool);
    }
    path.addAll(words);
    return path;
  }

  private static boolean ci(List<KeyValue> attributes, List<KeyValue> resource) {
    if (Attributes.truthy(Attributes.find(attributes, "ci"))
        || Attributes.truthy(Attributes.find(resource, "ci"))) {
      return true;
    }
    for (KeyValue kv : resource) {
      if (kv.getKey().startsWith("cicd.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A name-based UUID of the trace and span id: the same span sent again (an exporter's retry) gets
   * the same event id and is stored once.
   */
  static UUID eventId(Span span) {
    ByteBuffer name = ByteBuffer.allocate(5 + 16 + 8);
    name.put((byte) 'o').put((byte) 't').put((byte) 'l').put((byte) 'p').put((byte) ':');
    name.put(span.getTraceId().toByteArray()).put(span.getSpanId().toByteArray());
    return UUID.nameUUIDFromBytes(name.array());
  }

  static Instant instant(long unixNanos) {
    return Instant.ofEpochSecond(
        Long.divideUnsigned(unixNanos, NANOS_PER_SECOND),
        Long.remainderUnsigned(unixNanos, NANOS_PER_SECOND));
  }

  private static void putIfPresent(Map<String, Object> event, String key, Object value) {
    if (value != null) {
      event.put(key, value);
    }
  }
}
