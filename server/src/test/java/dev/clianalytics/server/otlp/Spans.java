package dev.clianalytics.server.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Hand-built OTLP messages for the tests: spans of a CLI run and of the calls it makes. */
final class Spans {
  static final String TRACE = "5b8efff798038103d269b633813fc60c";

  private Spans() {}

  /** A root INTERNAL span of {@code terraform plan -out=plan.bin} that ended with {@code exit}. */
  static Span.Builder run(String spanId, long exit) {
    Instant start = Instant.now().minusSeconds(120);
    return Span.newBuilder()
        .setTraceId(id(TRACE))
        .setSpanId(id(spanId))
        .setName("terraform")
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(nanos(start))
        .setEndTimeUnixNano(nanos(start.plusMillis(1500)))
        .addAttributes(string("process.executable.name", "terraform"))
        .addAttributes(args("process.command_args", "terraform", "plan", "-out=plan.bin"))
        .addAttributes(integer("process.exit.code", exit))
        .addAttributes(string("enduser.id", "alice@example.com"));
  }

  /** An HTTP client span the tool made while it ran: not a command run. */
  static Span.Builder httpCall(String spanId, String parentId) {
    Instant start = Instant.now().minusSeconds(119);
    return Span.newBuilder()
        .setTraceId(id(TRACE))
        .setSpanId(id(spanId))
        .setParentSpanId(id(parentId))
        .setName("GET")
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(nanos(start))
        .setEndTimeUnixNano(nanos(start.plusMillis(80)))
        .addAttributes(
            string("url.full", "https://registry.example.com/v1/providers?token=s3cr3t"));
  }

  static List<KeyValue> resource() {
    return List.of(
        string("service.name", "terraform"),
        string("service.version", "1.9.2"),
        string("host.id", "host-7f3a"));
  }

  /** One request: all spans under one resource and scope. */
  static ExportTraceServiceRequest request(List<KeyValue> resource, Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span.Builder s : spans) {
      scope.addSpans(s);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(resource))
                .addScopeSpans(scope))
        .build();
  }

  static ExportTraceServiceRequest request(Span.Builder... spans) {
    return request(resource(), spans);
  }

  static ByteString id(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static KeyValue string(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  static KeyValue args(String key, String... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (String v : values) {
      array.addValues(AnyValue.newBuilder().setStringValue(v));
    }
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setArrayValue(array))
        .build();
  }
}
