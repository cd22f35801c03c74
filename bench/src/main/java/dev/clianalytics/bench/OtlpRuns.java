package dev.clianalytics.bench;

import com.google.protobuf.ByteString;
import dev.clianalytics.core.json.Json;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The same sample runs as the two request bodies the {@code otlp} benchmark sends: JSON arrays of
 * schema-v1 events for {@code /ingest}, and OTLP export requests whose spans follow the semantic
 * conventions for CLI programs (one resource per span, as separate processes export them).
 */
final class OtlpRuns {
  private OtlpRuns() {}

  /**
   * A {@code /ingest} body of {@code runs}, each with the session hint its span would carry (the
   * trace id of {@link #otlpBody} for the same {@code salt}), so both paths store the same
   * sessions.
   */
  static byte[] ingestBody(List<Map<String, Object>> runs, long salt) {
    List<Map<String, Object>> events = new ArrayList<>(runs.size());
    for (Map<String, Object> run : runs) {
      Map<String, Object> event = new HashMap<>(run);
      event.put("session_hint", HexFormat.of().formatHex(traceId(run, salt)));
      events.add(event);
    }
    return Json.write(events).getBytes(StandardCharsets.UTF_8);
  }

  /** One trace per actor and batch: the runs one shell session propagated its context to. */
  private static byte[] traceId(Map<String, Object> run, long salt) {
    return Arrays.copyOf(digest(run.get("actor_id") + "/" + salt), 16);
  }

  /** An export request of {@code runs}; {@code salt} makes its span ids differ between copies. */
  static byte[] otlpBody(List<Map<String, Object>> runs, long salt) {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    long n = 0;
    for (Map<String, Object> run : runs) {
      request.addResourceSpans(
          ResourceSpans.newBuilder()
              .setResource(resource(run))
              .addScopeSpans(ScopeSpans.newBuilder().addSpans(span(run, salt, n++))));
    }
    return request.build().toByteArray();
  }

  private static Resource resource(Map<String, Object> run) {
    Resource.Builder r =
        Resource.newBuilder().addAttributes(text("service.name", run.get("tool_name")));
    if (run.get("tool_version") != null) {
      r.addAttributes(text("service.version", run.get("tool_version")));
    }
    if (run.get("machine_id") != null) {
      r.addAttributes(text("host.id", run.get("machine_id")));
    }
    if (Boolean.TRUE.equals(run.get("ci_detected"))) {
      r.addAttributes(text("cicd.pipeline.name", "build"));
    }
    return r.build();
  }

  private static Span span(Map<String, Object> run, long salt, long n) {
    Instant start = Instant.parse((String) run.get("timestamp"));
    long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
    Object duration = run.get("duration_ms");
    long durationNanos = duration == null ? 0 : ((Number) duration).longValue() * 1_000_000L;
    ArrayValue.Builder argv = ArrayValue.newBuilder();
    for (Object word : (List<?>) run.get("command_path")) {
      argv.addValues(AnyValue.newBuilder().setStringValue((String) word));
    }
    for (Object flag : (List<?>) run.getOrDefault("flags_present", List.of())) {
      argv.addValues(AnyValue.newBuilder().setStringValue((String) flag));
    }
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(traceId(run, salt)))
            .setSpanId(
                ByteString.copyFrom(ByteBuffer.allocate(8).putLong(salt << 40 | n + 1).array()))
            .setName((String) run.get("tool_name"))
            .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
            .setStartTimeUnixNano(startNanos)
            .setEndTimeUnixNano(startNanos + durationNanos)
            .addAttributes(text("process.executable.name", run.get("tool_name")))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("process.command_args")
                    .setValue(AnyValue.newBuilder().setArrayValue(argv)))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("process.exit.code")
                    .setValue(
                        AnyValue.newBuilder()
                            .setIntValue(((Number) run.get("exit_code")).longValue())))
            .addAttributes(text("enduser.id", run.get("actor_id")));
    if (run.get("error_type") != null) {
      span.addAttributes(text("error.type", run.get("error_type")));
    }
    if (run.get("error_message") != null) {
      span.setStatus(
          Status.newBuilder()
              .setCode(Status.StatusCode.STATUS_CODE_ERROR)
              .setMessage((String) run.get("error_message")));
    }
    return span.build();
  }

  private static KeyValue text(String key, Object value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(String.valueOf(value)))
        .build();
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code runs} cut into batches of {@code size}. */
  static List<List<Map<String, Object>>> batches(List<Map<String, Object>> runs, int size) {
    List<List<Map<String, Object>>> out = new ArrayList<>();
    for (int i = 0; i < runs.size(); i += size) {
      out.add(runs.subList(i, Math.min(runs.size(), i + size)));
    }
    return out;
  }
}
