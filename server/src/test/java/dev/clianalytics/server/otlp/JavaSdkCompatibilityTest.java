package dev.clianalytics.server.otlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.Storages;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/traces} fed by the OpenTelemetry Java SDK's OTLP/HTTP span exporter, in protobuf
 * (gzip) and in JSON, the way a Java CLI instrumented with the SDK would: the only setting pointed
 * at us is the endpoint (plus the ingest token as a header).
 */
class JavaSdkCompatibilityTest {
  private static final AttributeKey<String> EXECUTABLE =
      AttributeKey.stringKey("process.executable.name");
  private static final AttributeKey<Long> EXIT = AttributeKey.longKey("process.exit.code");
  private static final AttributeKey<List<String>> ARGS =
      AttributeKey.stringArrayKey("process.command_args");
  private static final AttributeKey<String> USER = AttributeKey.stringKey("enduser.id");

  @TempDir Path dir;

  @Test
  void protobufExporter_runsAppearInTheSummaryWithTheirOutcomes() throws Exception {
    try (OtlpServer server = new OtlpServer(Storages.open(null, dir), null, Map.of())) {
      sendScenario(server, false);
      CliRunsScenario.assertSummary(server.summary());
    }
  }

  @Test
  void jsonExporter_runsAppearInTheSummaryWithTheirOutcomes() throws Exception {
    try (OtlpServer server = new OtlpServer(Storages.open(null, dir), null, Map.of())) {
      sendScenario(server, true);
      CliRunsScenario.assertSummary(server.summary());
    }
  }

  private static void sendScenario(OtlpServer server, boolean json) throws Exception {
    Instant threeHoursAgo = Instant.now().minusSeconds(3 * 3600);
    try (SdkTracerProvider alice = provider(server, json, "host-alice")) {
      Tracer tracer = alice.get("terraform-cli");
      // the shell that ran Alice's commands propagated one trace context (TRACEPARENT)
      Context shell =
          Context.root()
              .with(
                  Span.wrap(
                      SpanContext.createFromRemoteParent(
                          "4bf92f3577b34da6a3ce929d0e0e4736",
                          "00f067aa0ba902b7",
                          TraceFlags.getSampled(),
                          TraceState.getDefault())));
      run(tracer, shell, threeHoursAgo, 0, "alice", "plan", "-out=plan.bin");
      Span failing = run(tracer, shell, threeHoursAgo.plusSeconds(120), 1, "alice", "apply");
      tracer
          .spanBuilder("GET")
          .setSpanKind(SpanKind.CLIENT)
          .setParent(Context.root().with(failing))
          .setStartTimestamp(threeHoursAgo.plusSeconds(121))
          .startSpan()
          .end(threeHoursAgo.plusSeconds(122));
      run(tracer, shell, threeHoursAgo.plusSeconds(240), 0, "alice", "apply", "--auto-approve");
      flush(alice);
    }
    try (SdkTracerProvider bob = provider(server, json, "host-bob")) {
      run(bob.get("terraform-cli"), Context.root(), threeHoursAgo, 1, "bob", "apply");
      flush(bob);
    }
    try (SdkTracerProvider carol = provider(server, json, "host-carol")) {
      Instant now = Instant.now().minusSeconds(60);
      carol
          .get("terraform-cli")
          .spanBuilder("terraform")
          .setNoParent()
          .setAttribute(EXECUTABLE, "terraform")
          .setAttribute(ARGS, List.of("terraform", "version"))
          .setAttribute(USER, "carol")
          .setStartTimestamp(now)
          .startSpan()
          .end(now.plusMillis(40));
      flush(carol);
    }
  }

  private static Span run(
      Tracer tracer, Context parent, Instant start, long exit, String user, String... args) {
    List<String> argv = new java.util.ArrayList<>(List.of("terraform"));
    argv.addAll(List.of(args));
    Span span =
        tracer
            .spanBuilder("terraform")
            .setParent(parent)
            .setAttribute(EXECUTABLE, "terraform")
            .setAttribute(ARGS, argv)
            .setAttribute(USER, user)
            .setStartTimestamp(start)
            .startSpan();
    span.setAttribute(EXIT, exit);
    if (exit != 0) {
      span.setStatus(StatusCode.ERROR, "Error: creating instance: permission denied");
    }
    span.end(start.plusSeconds(30));
    return span;
  }

  private static SdkTracerProvider provider(OtlpServer server, boolean json, String host)
      throws Exception {
    OtlpHttpSpanExporterBuilder builder =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(server.tracesUrl())
            .addHeader("Authorization", "Bearer " + OtlpServer.INGEST);
    if (json) {
      exportAsJson(builder);
    } else {
      builder.setCompression("gzip");
    }
    SpanExporter exporter = builder.build();
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.builder()
                        .put("service.name", "terraform")
                        .put("service.version", "1.9.2")
                        .put("host.id", host)
                        .build()));
    return SdkTracerProvider.builder()
        .setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
  }

  /**
   * The SDK's exporter writes OTLP/JSON too, but keeps the switch on its internal builder (its
   * logging exporters use it); flipped here so the real exporter sends JSON over HTTP.
   */
  private static void exportAsJson(OtlpHttpSpanExporterBuilder builder) throws Exception {
    Field delegate = OtlpHttpSpanExporterBuilder.class.getDeclaredField("delegate");
    delegate.setAccessible(true);
    Object internal = delegate.get(builder);
    internal.getClass().getMethod("exportAsJson").invoke(internal);
  }

  private static void flush(SdkTracerProvider provider) {
    assertTrue(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess(), "export succeeded");
  }
}
