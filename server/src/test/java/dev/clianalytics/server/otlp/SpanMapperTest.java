package dev.clianalytics.server.otlp;

import static dev.clianalytics.server.otlp.Spans.args;
import static dev.clianalytics.server.otlp.Spans.integer;
import static dev.clianalytics.server.otlp.Spans.resource;
import static dev.clianalytics.server.otlp.Spans.run;
import static dev.clianalytics.server.otlp.Spans.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanMapperTest {
  private static Map<String, Object> event(Span.Builder span, List<KeyValue> resource) {
    return assertInstanceOf(SpanMapping.Run.class, SpanMapper.map(span.build(), resource)).event();
  }

  private static Map<String, Object> event(Span.Builder span) {
    return event(span, resource());
  }

  @Test
  void cliSpan_mapsEveryField() {
    Map<String, Object> e =
        event(
            run("00f067aa0ba902b7", 2)
                .addAttributes(string("error.type", "ProviderError"))
                .setStatus(
                    Status.newBuilder()
                        .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                        .setMessage("plan failed")));
    assertEquals("terraform", e.get("tool_name"));
    assertEquals("1.9.2", e.get("tool_version"));
    assertEquals(List.of("terraform", "plan"), e.get("command_path"));
    assertEquals(List.of("-out"), e.get("flags_present"));
    assertEquals(2L, e.get("exit_code"));
    assertEquals(1500L, e.get("duration_ms"));
    assertEquals("ProviderError", e.get("error_type"));
    assertEquals("plan failed", e.get("error_message"));
    assertEquals("alice@example.com", e.get("actor_id"));
    assertEquals("host-7f3a", e.get("machine_id"));
    assertEquals(Spans.TRACE, e.get("session_hint"));
    assertEquals(false, e.get("ci_detected"));
  }

  @Test
  void commandArgs_valuesAndSecretFlagsNeverSurvive() {
    Span.Builder span =
        run("00f067aa0ba902b7", 0)
            .clearAttributes()
            .addAttributes(integer("process.exit.code", 0))
            .addAttributes(string("enduser.id", "alice"))
            .addAttributes(
                args(
                    "process.command_args",
                    "/usr/local/bin/terraform",
                    "apply",
                    "--token=tok_live_9f8e7d",
                    "--password",
                    "hunter2",
                    "-var=db=prod",
                    "staging"));
    Map<String, Object> e = event(span);
    assertEquals(List.of("terraform", "apply"), e.get("command_path"));
    assertEquals(List.of("-var"), e.get("flags_present"));
    assertFalse(
        e.toString().contains("hunter2") || e.toString().contains("tok_live"), e.toString());
  }

  @Test
  void rootInternalSpanWithoutExitCode_isARunThatSucceeded() {
    Span.Builder span = run("00f067aa0ba902b7", 0).clearAttributes();
    span.addAttributes(string("process.executable.name", "terraform"));
    span.addAttributes(string("enduser.id", "alice"));
    assertEquals(0L, event(span).get("exit_code"));
  }

  @Test
  void rootInternalSpanWithErrorStatus_exitsWithOne() {
    Span.Builder span = run("00f067aa0ba902b7", 0).clearAttributes();
    span.addAttributes(string("process.executable.name", "terraform"));
    span.addAttributes(string("enduser.id", "alice"));
    span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    assertEquals(1L, event(span).get("exit_code"));
  }

  @Test
  void childSpanWithExecutableNameButNoExitCode_isNotACommand() {
    Span.Builder span = run("00f067aa0ba902b7", 0).clearAttributes();
    span.addAttributes(string("process.executable.name", "terraform"));
    span.setParentSpanId(Spans.id("1111111111111111"));
    assertInstanceOf(SpanMapping.NotACommand.class, SpanMapper.map(span.build(), resource()));
  }

  @Test
  void clientSpanWithoutExitCode_isNotACommand() {
    Span span = Spans.httpCall("00f067aa0ba902b8", "00f067aa0ba902b7").build();
    assertInstanceOf(SpanMapping.NotACommand.class, SpanMapper.map(span, resource()));
  }

  @Test
  void childSpanWithExitCode_isACommand() {
    Span.Builder span = run("00f067aa0ba902b7", 3).setParentSpanId(Spans.id("1111111111111111"));
    span.setKind(Span.SpanKind.SPAN_KIND_CLIENT);
    assertEquals(3L, event(span).get("exit_code"));
  }

  @Test
  void withoutArgs_theSpanNameIsThePath_toolFirst() {
    Span.Builder span = run("00f067aa0ba902b7", 0).clearAttributes();
    span.addAttributes(integer("process.exit.code", 0));
    span.addAttributes(string("enduser.id", "alice"));
    span.setName("workspace select");
    Map<String, Object> e = event(span);
    assertEquals("terraform", e.get("tool_name"), "from service.name");
    assertEquals(List.of("terraform", "workspace", "select"), e.get("command_path"));
    assertEquals(List.of(), e.getOrDefault("flags_present", List.of()));
  }

  @Test
  void actor_fallsBackToServiceInstanceThenHost() {
    Span.Builder span = run("00f067aa0ba902b7", 0).clearAttributes();
    span.addAttributes(integer("process.exit.code", 0));
    List<KeyValue> withInstance =
        List.of(
            string("service.name", "gh"),
            string("service.instance.id", "inst-1"),
            string("host.id", "h-1"));
    assertEquals("inst-1", event(span, withInstance).get("actor_id"));
    assertEquals(
        "h-1",
        event(span, List.of(string("service.name", "gh"), string("host.id", "h-1")))
            .get("actor_id"));
  }

  @Test
  void noActorAnywhere_isRejectedNamingWhereToSetOne() {
    Span.Builder span = run("00f067aa0ba902b7", 0).clearAttributes();
    span.addAttributes(integer("process.exit.code", 0));
    SpanMapping m = SpanMapper.map(span.build(), List.of(string("service.name", "gh")));
    SpanMapping.Rejected r = assertInstanceOf(SpanMapping.Rejected.class, m);
    assertTrue(r.message().contains("enduser.id"), r.message());
  }

  @Test
  void ciResourceAttribute_setsCiDetected() {
    List<KeyValue> ci =
        List.of(string("service.name", "gh"), string("cicd.pipeline.name", "release"));
    assertEquals(true, event(run("00f067aa0ba902b7", 0), ci).get("ci_detected"));
  }

  @Test
  void eventId_dependsOnlyOnTraceAndSpanId() {
    Object first = event(run("00f067aa0ba902b7", 0)).get("event_id");
    assertEquals(first, event(run("00f067aa0ba902b7", 1)).get("event_id"));
    assertNotEquals(first, event(run("00f067aa0ba902b8", 0)).get("event_id"));
  }

  @Test
  void missingOrZeroIds_areRejectedNamingTheField() {
    Span.Builder noTrace = run("00f067aa0ba902b7", 0).clearTraceId();
    assertEquals("traceId", rejected(noTrace).field());
    Span.Builder zeroSpan = run("0000000000000000", 0);
    assertEquals("spanId", rejected(zeroSpan).field());
  }

  @Test
  void endBeforeStart_isRejected() {
    Span.Builder span = run("00f067aa0ba902b7", 0);
    span.setEndTimeUnixNano(span.getStartTimeUnixNano() - 1);
    assertEquals("endTimeUnixNano", rejected(span).field());
  }

  @Test
  void exitCodeThatIsNoInteger_isRejected() {
    Span.Builder span = run("00f067aa0ba902b7", 0).clearAttributes();
    span.addAttributes(string("process.exit.code", "boom"));
    span.addAttributes(string("enduser.id", "alice"));
    assertEquals("process.exit.code", rejected(span).field());
  }

  @Test
  void unsignedTimestampsBeyondLongMax_becomeFarFutureInstants() {
    assertTrue(SpanMapper.instant(-1L).getEpochSecond() > 18_000_000_000L);
  }

  private static SpanMapping.Rejected rejected(Span.Builder span) {
    return assertInstanceOf(SpanMapping.Rejected.class, SpanMapper.map(span.build(), resource()));
  }

  @Test
  void resourcePlatformAttributes_becomeOsArchAndRuntime() {
    List<KeyValue> resource = new ArrayList<>(Spans.resource());
    resource.add(string("os.type", "linux"));
    resource.add(string("host.arch", "arm64"));
    resource.add(string("process.runtime.name", "OpenJDK Runtime Environment"));
    resource.add(string("process.runtime.version", "21.0.2+13-LTS"));
    Map<String, Object> e = event(run("00f067aa0ba902b7", 0), resource);
    assertEquals("linux", e.get("os"));
    assertEquals("arm64", e.get("arch"));
    assertEquals("java-21", e.get("runtime"));
  }

  @Test
  void unknownPlatformValues_areLeftOut() {
    List<KeyValue> resource = new ArrayList<>(Spans.resource());
    resource.add(string("os.type", "alice's laptop"));
    resource.add(string("process.runtime.name", "mylang"));
    resource.add(string("process.runtime.version", "1.0"));
    Map<String, Object> e = event(run("00f067aa0ba902b7", 0), resource);
    assertFalse(
        e.containsKey("os") || e.containsKey("arch") || e.containsKey("runtime"), e.toString());
  }
}
