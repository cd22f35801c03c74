package dev.clianalytics.server.otlp;

import dev.clianalytics.core.event.FieldError;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.ingest.Batches;
import dev.clianalytics.server.ingest.IngestResult;
import dev.clianalytics.server.ingest.IngestService;
import dev.clianalytics.server.ops.Metrics;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every span of one export request and stores the command runs through the ingest service.
 * Spans are named by their position ({@code resourceSpans[0].scopeSpans[1].spans[2]}) in what it
 * reports, never by a value they carry.
 */
final class TraceExport {
  private static final Logger LOG = LoggerFactory.getLogger(TraceExport.class);
  private static final String PROTOCOL = "otlp";

  /** Where an ingest field came from, for the messages. */
  private static final Map<String, String> SOURCES =
      Map.ofEntries(
          Map.entry("timestamp", "startTimeUnixNano"),
          Map.entry("duration_ms", "endTimeUnixNano"),
          Map.entry("tool_name", "process.executable.name"),
          Map.entry("tool_version", "service.version"),
          Map.entry("command_path", "process.command_args"),
          Map.entry("flags_present", "process.command_args"),
          Map.entry("exit_code", "process.exit.code"),
          Map.entry("error_type", "error.type"),
          Map.entry("error_message", "status.message"),
          Map.entry("actor_id", "enduser.id"),
          Map.entry("machine_id", "host.id"),
          Map.entry("session_hint", "traceId"),
          Map.entry("event_id", "spanId"));

  private final IngestService ingest;
  private final Metrics metrics;

  TraceExport(IngestService ingest, Metrics metrics) {
    this.ingest = ingest;
    this.metrics = metrics;
  }

  /** One span that could not be stored: where it was, which field, and why. */
  record Problem(String where, String field, String message) {
    @Override
    public String toString() {
      return where + ": " + field + " " + message;
    }
  }

  /**
   * What became of a request's spans.
   *
   * @param stored command runs stored now or already stored before (a retried export)
   * @param dropped spans that are not command runs
   * @param problems command runs refused, one entry per span
   */
  record Outcome(int stored, int dropped, List<Problem> problems) {
    Outcome {
      problems = List.copyOf(problems);
    }

    /** True when the request held command runs and none of them could be stored. */
    boolean allRejected() {
      return stored == 0 && !problems.isEmpty();
    }
  }

  /**
   * Maps and stores the spans of {@code request}.
   *
   * @throws ApiProblem 413 when it holds more than {@link Batches#MAX_EVENTS} spans
   */
  Outcome export(ExportTraceServiceRequest request, Instant receivedAt) {
    checkSize(request);
    List<Object> events = new ArrayList<>();
    List<String> eventWhere = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    int dropped = 0;
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resourceSpans = request.getResourceSpans(r);
      List<KeyValue> resource = resourceSpans.getResource().getAttributesList();
      for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
        ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
        for (int k = 0; k < scopeSpans.getSpansCount(); k++) {
          String where = "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + k + "]";
          switch (map(scopeSpans.getSpans(k), resource)) {
            case SpanMapping.NotACommand n -> dropped++;
            case SpanMapping.Rejected x -> problems.add(new Problem(where, x.field(), x.message()));
            case SpanMapping.Run run -> {
              events.add(run.event());
              eventWhere.add(where);
            }
          }
        }
      }
    }
    ingest.countRejected(problems.size());
    IngestResult result = ingest.ingest(events, receivedAt);
    for (IngestResult.Rejection rejection : result.rejected()) {
      FieldError first = rejection.errors().getFirst();
      problems.add(
          new Problem(
              eventWhere.get(rejection.index()),
              SOURCES.getOrDefault(first.field(), first.field()),
              first.message()));
    }
    int stored = result.stored().size();
    metrics.protocolEvents(PROTOCOL, "accepted", stored);
    metrics.protocolEvents(PROTOCOL, "dropped", dropped);
    metrics.protocolEvents(PROTOCOL, "rejected", problems.size());
    return new Outcome(stored, dropped, problems);
  }

  private static SpanMapping map(Span span, List<KeyValue> resource) {
    try {
      return SpanMapper.map(span, resource);
    } catch (RuntimeException e) {
      // a rule that cannot handle some input must cost that span, not the request
      LOG.warn("an OTLP span could not be mapped ({})", e.getClass().getName());
      return new SpanMapping.Rejected("span", "could not be processed safely");
    }
  }

  private static void checkSize(ExportTraceServiceRequest request) {
    long spans = 0;
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        spans += scopeSpans.getSpansCount();
      }
    }
    if (spans > Batches.MAX_EVENTS) {
      throw ApiProblem.tooLarge(
          "the request has "
              + spans
              + " spans, more than "
              + Batches.MAX_EVENTS
              + "; export smaller batches (the SDK's max export batch size)");
    }
  }
}
