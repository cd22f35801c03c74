package dev.clianalytics.server.otlp;

import dev.clianalytics.server.auth.Access;
import dev.clianalytics.server.auth.Authenticator;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.Bodies;
import dev.clianalytics.server.ingest.IngestService;
import dev.clianalytics.server.ops.Metrics;
import io.javalin.http.Context;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Clock;
import java.util.List;

/**
 * {@code POST /v1/traces} (OTLP/HTTP, docs/opentelemetry.md): answers an {@code
 * ExportTraceServiceResponse} in the request's encoding, with {@code partial_success} counting the
 * spans that were not command runs or were refused, and a {@code google.rpc.Status} with a 4xx for
 * a request that cannot be used. Only a Content-Type that is neither OTLP encoding gets the
 * problem+json answer of the other endpoints.
 */
public final class OtlpEndpoint {
  /** Refused spans named one by one in a message; the rest are counted. */
  private static final int NAMED_PROBLEMS = 10;

  private static final String WHICH_SPANS =
      "a command run carries process.exit.code, or is a root INTERNAL span with"
          + " process.executable.name; see docs/opentelemetry.md";

  private final TraceExport export;
  private final Authenticator auth;
  private final Bodies bodies;
  private final Clock clock;

  public OtlpEndpoint(
      IngestService ingest, Metrics metrics, Authenticator auth, Bodies bodies, Clock clock) {
    this.export = new TraceExport(ingest, metrics);
    this.auth = auth;
    this.bodies = bodies;
    this.clock = clock;
  }

  public void traces(Context ctx) {
    OtlpEncoding encoding = OtlpEncoding.of(ctx.contentType());
    try {
      auth.check(ctx, Access.INGEST);
      ExportTraceServiceRequest request = encoding.decode(bodies.bytes(ctx));
      TraceExport.Outcome outcome = export.export(request, clock.instant());
      if (outcome.allRejected()) {
        throw ApiProblem.badRequest("no span could be stored: " + problems(outcome.problems()));
      }
      answer(ctx, encoding, 200, encoding.encode(response(outcome)));
    } catch (ApiProblem problem) {
      if (problem.status() == 401) {
        ctx.header("WWW-Authenticate", "Bearer");
      }
      problem.headers().forEach(ctx::header);
      answer(
          ctx,
          encoding,
          problem.status(),
          encoding.status(grpcCode(problem.status()), problem.getMessage()));
    }
  }

  private static ExportTraceServiceResponse response(TraceExport.Outcome outcome) {
    int refused = outcome.problems().size();
    if (outcome.dropped() == 0 && refused == 0) {
      return ExportTraceServiceResponse.getDefaultInstance();
    }
    StringBuilder message = new StringBuilder();
    if (outcome.dropped() > 0) {
      message
          .append(outcome.dropped())
          .append(outcome.dropped() == 1 ? " span was" : " spans were")
          .append(" not a command run and ignored (")
          .append(WHICH_SPANS)
          .append(')');
    }
    if (refused > 0) {
      message.append(message.isEmpty() ? "" : "; ");
      message.append(refused).append(refused == 1 ? " command run was" : " command runs were");
      message.append(" refused: ").append(problems(outcome.problems()));
    }
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(
            ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(outcome.dropped() + refused)
                .setErrorMessage(message.toString()))
        .build();
  }

  private static String problems(List<TraceExport.Problem> problems) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(problems.size(), NAMED_PROBLEMS); i++) {
      out.append(i == 0 ? "" : "; ").append(problems.get(i));
    }
    if (problems.size() > NAMED_PROBLEMS) {
      out.append("; and ").append(problems.size() - NAMED_PROBLEMS).append(" more");
    }
    return out.toString();
  }

  /** The gRPC code for an HTTP status, as OTLP clients record it. */
  private static int grpcCode(int httpStatus) {
    return switch (httpStatus) {
      case 400, 415 -> 3; // INVALID_ARGUMENT
      case 401 -> 16; // UNAUTHENTICATED
      case 403 -> 7; // PERMISSION_DENIED
      case 408 -> 4; // DEADLINE_EXCEEDED: a body slower than the minimum rate
      case 413, 429 -> 8; // RESOURCE_EXHAUSTED
      case 503 -> 14; // UNAVAILABLE
      default -> 2; // UNKNOWN
    };
  }

  private static void answer(Context ctx, OtlpEncoding encoding, int status, byte[] body) {
    ctx.status(status);
    ctx.contentType(encoding.contentType());
    ctx.result(body);
  }
}
