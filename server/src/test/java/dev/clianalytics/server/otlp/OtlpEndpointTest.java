package dev.clianalytics.server.otlp;

import static dev.clianalytics.server.otlp.Spans.httpCall;
import static dev.clianalytics.server.otlp.Spans.request;
import static dev.clianalytics.server.otlp.Spans.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.clianalytics.server.testing.InMemoryStorage;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /v1/traces} against a real server on the in-memory storage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtlpEndpointTest {
  private OtlpServer server;

  @BeforeAll
  void start() {
    server = new OtlpServer(new InMemoryStorage(), null, Map.of("MAX_BODY_BYTES", "1048576"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Map<?, ?> storedEvent(Span.Builder span) {
    String id = SpanMapper.eventId(span.build()).toString();
    return server.storedEvents().stream()
        .filter(e -> id.equals(e.get("event_id")))
        .findFirst()
        .orElse(null);
  }

  private static ExportTraceServiceResponse response(OtlpServer.Answer a) throws Exception {
    return ExportTraceServiceResponse.parseFrom(a.body());
  }

  @Test
  void protobuf_cliSpan_isStoredLikeAnIngestedEvent() throws Exception {
    Span.Builder span = run("a000000000000001", 0);
    OtlpServer.Answer a = server.protobuf(request(span).toByteArray());
    assertEquals(200, a.status(), a.text());
    assertEquals("application/x-protobuf", a.contentType());
    assertFalse(response(a).hasPartialSuccess());
    Map<?, ?> e = storedEvent(span);
    assertNotNull(e, "stored");
    assertEquals("terraform", e.get("tool_name"));
    assertEquals(List.of("terraform", "plan"), e.get("command_path"));
    assertEquals(List.of("-out"), e.get("flags_present"));
    assertEquals(1500L, e.get("duration_ms"));
    assertEquals(OtlpServer.stored("alice@example.com"), e.get("actor_id"));
    assertEquals(OtlpServer.stored("host-7f3a"), e.get("machine_id"));
    assertEquals(OtlpServer.stored(Spans.TRACE), e.get("session_hint"));
  }

  @Test
  void sameSpanSentTwice_isStoredOnce() {
    Span.Builder span = run("a000000000000002", 1);
    byte[] body = request(span).toByteArray();
    assertEquals(200, server.protobuf(body).status());
    assertEquals(200, server.protobuf(body).status());
    String id = SpanMapper.eventId(span.build()).toString();
    assertEquals(
        1, server.storedEvents().stream().filter(e -> id.equals(e.get("event_id"))).count());
  }

  @Test
  void spansThatAreNotRuns_areCountedInPartialSuccessAndNotStored() throws Exception {
    Span.Builder cli = run("a000000000000003", 0);
    Span.Builder http = httpCall("a000000000000004", "a000000000000003");
    OtlpServer.Answer a = server.protobuf(request(cli, http).toByteArray());
    assertEquals(200, a.status(), a.text());
    ExportTraceServiceResponse r = response(a);
    assertEquals(1, r.getPartialSuccess().getRejectedSpans());
    assertTrue(r.getPartialSuccess().getErrorMessage().contains("not a command run"));
    assertNotNull(storedEvent(cli));
    assertEquals(null, storedEvent(http));
    assertFalse(
        server
            .http
            .get("/rest/v1/events?limit=1000", "Authorization", "Bearer " + OtlpServer.READ)
            .body()
            .contains("s3cr3t"));
  }

  @Test
  void oneBadRunAmongGoodOnes_isNamedByPositionAndTheOthersStored() throws Exception {
    Span.Builder good = run("a000000000000005", 0);
    Span.Builder old = run("a000000000000006", 0).setStartTimeUnixNano(1_000_000_000L);
    OtlpServer.Answer a = server.protobuf(request(good, old).toByteArray());
    assertEquals(200, a.status(), a.text());
    String message = response(a).getPartialSuccess().getErrorMessage();
    assertEquals(1, response(a).getPartialSuccess().getRejectedSpans());
    assertTrue(
        message.contains("resourceSpans[0].scopeSpans[0].spans[1]: startTimeUnixNano"), message);
    assertNotNull(storedEvent(good));
  }

  @Test
  void json_hexIdsAndStringInt64_areReadAsTheSpecSays() throws Exception {
    Span.Builder span = run("a000000000000007", 4);
    String json = JsonFormat.printer().print(request(span));
    // protobuf's own JSON mapping writes ids as base64; OTLP/JSON sends them as hex
    json =
        json.replace(
            "\"" + base64(span.getTraceId().toByteArray()) + "\"",
            "\"" + Spans.TRACE.toUpperCase() + "\"");
    json =
        json.replace("\"" + base64(span.getSpanId().toByteArray()) + "\"", "\"a000000000000007\"");
    assertTrue(json.contains("\"startTimeUnixNano\": \""), "int64 as a string");
    OtlpServer.Answer a = server.json(json);
    assertEquals(200, a.status(), a.text());
    assertEquals("application/json", a.contentType());
    assertEquals("{}", a.text());
    Map<?, ?> e = storedEvent(span);
    assertNotNull(e, "the hex ids gave the same event id as protobuf");
    assertEquals(4L, e.get("exit_code"));
  }

  @Test
  void json_partialSuccess_isAnsweredInJson() {
    Span.Builder http = httpCall("a000000000000008", "a000000000000003");
    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\""
            + Spans.TRACE
            + "\",\"spanId\":\"a000000000000008\",\"name\":\"GET\",\"kind\":3}]}]}]}";
    OtlpServer.Answer a = server.json(json);
    assertEquals(200, a.status(), a.text());
    Map<?, ?> partial = (Map<?, ?>) a.json().get("partialSuccess");
    assertEquals("1", partial.get("rejectedSpans"));
    assertNotNull(http);
  }

  @Test
  void gzip_isRead() {
    Span.Builder span = run("a000000000000009", 0);
    OtlpServer.Answer a =
        server.post(
            OtlpServer.gzip(request(span).toByteArray()),
            "Content-Type",
            "application/x-protobuf",
            "Content-Encoding",
            "gzip",
            "Authorization",
            "Bearer " + OtlpServer.INGEST);
    assertEquals(200, a.status(), a.text());
    assertNotNull(storedEvent(span));
  }

  @Test
  void noToken_is401AsAStatus() throws Exception {
    OtlpServer.Answer a =
        server.post(
            request(run("a00000000000000a", 0)).toByteArray(),
            "Content-Type",
            "application/x-protobuf");
    assertEquals(401, a.status());
    assertEquals("application/x-protobuf", a.contentType());
    assertTrue(OtlpServer.statusMessage(a.body()).contains("token"));
  }

  @Test
  void readToken_is403() {
    OtlpServer.Answer a =
        server.post(
            request(run("a00000000000000b", 0)).toByteArray(),
            "Content-Type",
            "application/json",
            "Authorization",
            "Bearer " + OtlpServer.READ);
    assertEquals(403, a.status());
    assertTrue(a.json().get("message").toString().contains("ingest"));
  }

  @Test
  void malformedProtobuf_is400WithAStatus() throws Exception {
    OtlpServer.Answer a = server.protobuf(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, 0x01, 0x02});
    assertEquals(400, a.status());
    assertTrue(
        OtlpServer.statusMessage(a.body()).contains("not an OTLP ExportTraceServiceRequest"));
  }

  @Test
  void wrongJsonTypes_are400WithoutEchoingTheValue() {
    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"zzsecretzz\"}]}]}]}";
    OtlpServer.Answer a = server.json(json);
    assertEquals(400, a.status(), a.text());
    assertEquals(3L, a.json().get("code"));
    assertFalse(a.text().contains("zzsecretzz"), a.text());
    OtlpServer.Answer notAnArray = server.json("{\"resourceSpans\":\"zzsecretzz\"}");
    assertEquals(400, notAnArray.status(), notAnArray.text());
    assertFalse(notAnArray.text().contains("zzsecretzz"), notAnArray.text());
  }

  @Test
  void badGzip_is400() {
    OtlpServer.Answer a =
        server.post(
            "not gzip".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/x-protobuf",
            "Content-Encoding",
            "gzip",
            "Authorization",
            "Bearer " + OtlpServer.INGEST);
    assertEquals(400, a.status());
  }

  @Test
  void onlyBadRuns_is400NamingEachAndStoresNothing() throws Exception {
    Span.Builder noIds = run("a00000000000000c", 0).clearTraceId();
    Span.Builder future =
        run("a00000000000000d", 0).setStartTimeUnixNano(-1L).setEndTimeUnixNano(-1L);
    OtlpServer.Answer a = server.protobuf(request(noIds, future).toByteArray());
    assertEquals(400, a.status());
    String message = OtlpServer.statusMessage(a.body());
    assertTrue(message.contains("spans[0]: traceId"), message);
    assertTrue(
        message.contains("spans[1]: startTimeUnixNano is more than 1 hour in the future"), message);
    assertEquals(null, storedEvent(future));
  }

  @Test
  void deepAttributeNesting_is400() throws Exception {
    AnyValue value = AnyValue.newBuilder().setStringValue("leaf").build();
    for (int i = 0; i < 200; i++) {
      value =
          AnyValue.newBuilder()
              .setKvlistValue(
                  KeyValueList.newBuilder()
                      .addValues(KeyValue.newBuilder().setKey("k").setValue(value)))
              .build();
    }
    Span.Builder span =
        run("a00000000000000e", 0)
            .addAttributes(KeyValue.newBuilder().setKey("deep").setValue(value));
    OtlpServer.Answer a = server.protobuf(request(span).toByteArray());
    assertEquals(400, a.status());
    assertTrue(
        OtlpServer.statusMessage(a.body()).contains("nesting"), OtlpServer.statusMessage(a.body()));
    StringBuilder json =
        new StringBuilder(
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"attributes\":[{\"key\":\"deep\",\"value\":");
    json.append("{\"arrayValue\":{\"values\":[".repeat(100)).append("{}").append("]}}".repeat(100));
    json.append("}]}]}]}]}");
    assertEquals(400, server.json(json.toString()).status());
  }

  @Test
  void moreSpansThanABatchMayHold_is413() throws Exception {
    Span.Builder[] spans = new Span.Builder[10_001];
    for (int i = 0; i < spans.length; i++) {
      spans[i] = Span.newBuilder().setName("x");
    }
    OtlpServer.Answer a = server.protobuf(request(spans).toByteArray());
    assertEquals(413, a.status());
    assertTrue(OtlpServer.statusMessage(a.body()).contains("10000"));
  }

  @Test
  void otherContentType_is415ProblemJson() {
    OtlpServer.Answer a =
        server.post(
            "{}".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "text/plain",
            "Authorization",
            "Bearer " + OtlpServer.INGEST);
    assertEquals(415, a.status());
    assertEquals("application/problem+json", a.contentType());
  }

  @Test
  void emptyRequest_isAFullSuccess() throws Exception {
    OtlpServer.Answer a =
        server.protobuf(ExportTraceServiceRequest.getDefaultInstance().toByteArray());
    assertEquals(200, a.status());
    assertFalse(response(a).hasPartialSuccess());
  }

  @Test
  void metrics_countAcceptedAndDroppedOtlpSpans() {
    server.protobuf(
        request(run("a00000000000000f", 0), httpCall("a000000000000010", "a00000000000000f"))
            .toByteArray());
    String metrics = server.http.get("/metrics").body();
    assertTrue(
        metrics.contains(
            "cli_analytics_protocol_events_total{protocol=\"otlp\",result=\"accepted\"}"),
        metrics);
    assertTrue(
        metrics.contains(
            "cli_analytics_protocol_events_total{protocol=\"otlp\",result=\"dropped\"}"),
        metrics);
  }

  @Test
  void openApi_listsTheEndpoint() {
    String spec = server.http.get("/openapi.json").body();
    assertTrue(spec.contains("\"/v1/traces\""));
  }

  private static String base64(byte[] bytes) {
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }
}
