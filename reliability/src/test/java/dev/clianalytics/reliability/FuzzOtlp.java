package dev.clianalytics.reliability;

import com.google.protobuf.ByteString;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.resilience.Mutator;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bodies for {@code POST /v1/traces}: OTLP export requests in protobuf and JSON, with CLI runs and
 * the spans around them, then the damage the issue lists: malformed protobuf, wrong JSON types,
 * huge batches, absurd timestamps, missing ids and deep attribute nesting. Raw actor ids and argv
 * carry {@link FuzzBodies#ACTOR_MARKER} and {@link FuzzBodies#BODY_MARKER}.
 */
final class FuzzOtlp {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  /** One body and the Content-Type it is meant to be sent with. */
  record Body(byte[] bytes, String contentType) {}

  private final Random random;
  private final Mutator mutator;

  FuzzOtlp(Random random) {
    this.random = random;
    this.mutator = new Mutator(random);
  }

  Body next() {
    return switch (random.nextInt(10)) {
      case 0, 1 -> new Body(request(span(0, 1), span(1, 2)).toByteArray(), PROTOBUF);
      case 2 -> new Body(flip(request(span(0, 1)).toByteArray()), PROTOBUF);
      case 3, 4 -> new Body(json(), JSON);
      case 5 -> new Body(mutator.mutate(json()), JSON);
      case 6 -> new Body(wrongTypes(), JSON);
      case 7 -> new Body(absurd().toByteArray(), PROTOBUF);
      case 8 -> new Body(deep(), random.nextBoolean() ? PROTOBUF : JSON);
      default -> new Body(huge(), PROTOBUF);
    };
  }

  /** A CLI run (or, now and then, an HTTP call it made) with secrets in its argv and status. */
  private Span.Builder span(int parent, int id) {
    long start = System.currentTimeMillis() * 1_000_000L - random.nextInt(600) * 60_000_000_000L;
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(bytes(16))
            .setSpanId(ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, (byte) parent, (byte) id}))
            .setName(
                random.nextBoolean() ? "terraform" : "terraform apply " + FuzzBodies.BODY_MARKER)
            .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(start + random.nextInt(5_000) * 1_000_000L)
            .addAttributes(text("process.executable.name", "terraform"))
            .addAttributes(
                args("terraform", "apply", "--token=" + FuzzBodies.BODY_MARKER, "-out=/home/x"))
            .addAttributes(text("enduser.id", FuzzBodies.ACTOR_MARKER + "-" + random.nextInt(40)))
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("open /home/alice/" + FuzzBodies.BODY_MARKER + " failed"));
    if (random.nextInt(3) > 0) {
      span.addAttributes(
          KeyValue.newBuilder()
              .setKey("process.exit.code")
              .setValue(AnyValue.newBuilder().setIntValue(random.nextInt(3))));
    }
    if (random.nextInt(4) == 0) {
      span.setParentSpanId(bytes(8)).setKind(Span.SpanKind.SPAN_KIND_CLIENT).clearAttributes();
      span.addAttributes(text("url.full", "https://x.example/?q=" + FuzzBodies.BODY_MARKER));
    }
    return span;
  }

  private ExportTraceServiceRequest request(Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span.Builder s : spans) {
      scope.addSpans(s);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(text("service.name", "terraform"))
                        .addAttributes(text("host.id", FuzzBodies.ACTOR_MARKER + "-host")))
                .addScopeSpans(scope))
        .build();
  }

  /** Start and end times of zero, the largest unsigned value, or ending before they start. */
  private ExportTraceServiceRequest absurd() {
    Span.Builder span = span(0, 3);
    switch (random.nextInt(5)) {
      case 0 -> span.setStartTimeUnixNano(0);
      case 1 -> span.setStartTimeUnixNano(-1L).setEndTimeUnixNano(-1L);
      case 2 -> span.setEndTimeUnixNano(span.getStartTimeUnixNano() - 1);
      case 3 -> span.setEndTimeUnixNano(-1L);
      default -> span.clearTraceId().clearSpanId();
    }
    return request(span);
  }

  /** More spans than one request may carry. */
  private byte[] huge() {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < 10_001; i++) {
      scope.addSpans(Span.newBuilder().setName("x"));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build()
        .toByteArray();
  }

  /** Attribute values nested as kvlists and arrays, 20 to 400 levels deep. */
  private byte[] deep() {
    int depth = 20 + random.nextInt(380);
    if (random.nextBoolean()) {
      AnyValue value = AnyValue.newBuilder().setStringValue(FuzzBodies.BODY_MARKER).build();
      for (int i = 0; i < depth; i++) {
        value =
            i % 2 == 0
                ? AnyValue.newBuilder()
                    .setKvlistValue(
                        KeyValueList.newBuilder()
                            .addValues(KeyValue.newBuilder().setKey("k").setValue(value)))
                    .build()
                : AnyValue.newBuilder()
                    .setArrayValue(ArrayValue.newBuilder().addValues(value))
                    .build();
      }
      Span.Builder span =
          span(0, 4).addAttributes(KeyValue.newBuilder().setKey("deep").setValue(value));
      return request(span).toByteArray();
    }
    String open = "{\"arrayValue\":{\"values\":[";
    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"key\":\"d\",\"value\":"
            + open.repeat(depth)
            + "{}"
            + "]}}".repeat(depth)
            + "}]}]}]}]}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** An OTLP/JSON request as exporters write it: hex ids, 64-bit integers as strings. */
  private byte[] json() {
    return Json.write(jsonRequest(jsonSpan())).getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, Object> jsonSpan() {
    long start = System.currentTimeMillis() * 1_000_000L - random.nextInt(600) * 60_000_000_000L;
    Map<String, Object> span = new LinkedHashMap<>();
    span.put("traceId", HexFormat.of().formatHex(bytes(16).toByteArray()));
    span.put("spanId", HexFormat.of().formatHex(bytes(8).toByteArray()));
    span.put("name", "terraform");
    span.put("kind", 1);
    span.put("startTimeUnixNano", Long.toString(start));
    span.put("endTimeUnixNano", Long.toString(start + 2_000_000_000L));
    List<Object> attributes = new ArrayList<>();
    attributes.add(jsonAttribute("process.executable.name", Map.of("stringValue", "terraform")));
    attributes.add(jsonAttribute("process.exit.code", Map.of("intValue", "1")));
    attributes.add(
        jsonAttribute(
            "enduser.id",
            Map.of("stringValue", FuzzBodies.ACTOR_MARKER + "-" + random.nextInt(40))));
    attributes.add(
        jsonAttribute(
            "process.command_args",
            Map.of(
                "arrayValue",
                Map.of(
                    "values",
                    List.of(
                        Map.of("stringValue", "terraform"),
                        Map.of("stringValue", "--password=" + FuzzBodies.BODY_MARKER))))));
    span.put("attributes", attributes);
    return span;
  }

  private static Map<String, Object> jsonAttribute(String key, Object value) {
    Map<String, Object> kv = new LinkedHashMap<>();
    kv.put("key", key);
    kv.put("value", value);
    return kv;
  }

  private static Map<String, Object> jsonRequest(Map<String, Object> span) {
    return Map.of(
        "resourceSpans",
        List.of(Map.of("scopeSpans", List.of(Map.of("spans", new ArrayList<>(List.of(span)))))));
  }

  /** A JSON request with one field of the wrong JSON type. */
  private byte[] wrongTypes() {
    Map<String, Object> span = new LinkedHashMap<>(jsonSpan());
    Object wrong =
        switch (random.nextInt(5)) {
          case 0 -> Map.of("x", FuzzBodies.BODY_MARKER);
          case 1 -> List.of(1, 2);
          case 2 -> FuzzBodies.BODY_MARKER;
          case 3 -> true;
          default -> 1.5e300;
        };
    String field =
        List.of("startTimeUnixNano", "kind", "attributes", "traceId", "name", "status")
            .get(random.nextInt(6));
    span.put(field, wrong);
    Object body = random.nextInt(5) == 0 ? Map.of("resourceSpans", wrong) : jsonRequest(span);
    return Json.write(body).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] flip(byte[] body) {
    byte[] out = body.clone();
    for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
      out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return random.nextInt(4) == 0 ? java.util.Arrays.copyOf(out, random.nextInt(out.length)) : out;
  }

  private ByteString bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return ByteString.copyFrom(b);
  }

  private static KeyValue text(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static KeyValue args(String... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (String v : values) {
      array.addValues(AnyValue.newBuilder().setStringValue(v));
    }
    return KeyValue.newBuilder()
        .setKey("process.command_args")
        .setValue(AnyValue.newBuilder().setArrayValue(array))
        .build();
  }
}
