package dev.clianalytics.server.http;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.storage.StorageUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become responses: every failure, expected or not, leaves as {@code
 * application/problem+json}. Logs carry the exception class and route, never bodies or traces.
 */
public final class ProblemMapper {
  /** Prefix of every problem {@code type}; the rest is a short slug such as {@code validation}. */
  public static final String TYPE_PREFIX = "urn:cli-analytics:problem:";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  private ProblemMapper() {}

  /** Registers the mapper on {@code app}. */
  public static void install(Javalin app) {
    AtomicLong lastOutageLog = new AtomicLong(System.nanoTime() - 20_000_000_000L);
    app.exception(ApiProblem.class, (e, ctx) -> render(ctx, e));
    app.exception(HttpResponseException.class, (e, ctx) -> render(ctx, fromJavalin(e, ctx)));
    app.exception(
        StorageUnavailableException.class,
        (e, ctx) -> {
          long now = System.nanoTime();
          long last = lastOutageLog.get();
          // one line per 10 seconds: an outage must not flood the log
          if (now - last > 10_000_000_000L && lastOutageLog.compareAndSet(last, now)) {
            LOG.warn("database unavailable; answering 503 ({})", routeOf(ctx));
          }
          render(ctx, ApiProblem.unavailable("the database is unavailable; retry later"));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("unexpected {} on {} {}", e.getClass().getName(), ctx.method(), routeOf(ctx));
          render(
              ctx,
              new ApiProblem(
                  500,
                  "internal",
                  "Internal server error",
                  "the server failed to handle this request; it has been logged",
                  Map.of()));
        });
  }

  /** Writes {@code problem} as the response. */
  public static void render(Context ctx, ApiProblem problem) {
    ctx.status(problem.status());
    if (problem.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    problem.headers().forEach(ctx::header);
    ctx.contentType("application/problem+json");
    ctx.result(Json.write(problem.toJson()));
  }

  private static ApiProblem fromJavalin(HttpResponseException e, Context ctx) {
    int status = e.getStatus() < 400 ? 400 : e.getStatus();
    return switch (status) {
      case 404 -> ApiProblem.notFound("no endpoint " + ctx.method() + " " + ctx.path());
      case 405 ->
          new ApiProblem(
              405,
              "method-not-allowed",
              "Method not allowed",
              ctx.method() + " is not allowed on " + ctx.path(),
              Map.of());
      default ->
          new ApiProblem(status, "http-" + status, "HTTP " + status, "request refused", Map.of());
    };
  }

  static String routeOf(Context ctx) {
    try {
      return ctx.endpointHandlerPath();
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
