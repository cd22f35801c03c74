package dev.clianalytics.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.storage.StorageUnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRouting;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become responses: every failure, expected or not, leaves as {@code
 * application/problem+json}. Logs carry the exception class and route, never bodies or traces, and
 * one line per distinct failure (see {@link FailureLog}).
 */
public final class ProblemMapper {
  /** Prefix of every problem {@code type}; the rest is a short slug such as {@code validation}. */
  public static final String TYPE_PREFIX = "urn:cli-analytics:problem:";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  private ProblemMapper() {}

  private static final ApiProblem INTERNAL =
      new ApiProblem(
          500,
          "internal",
          "Internal server error",
          "the server failed to handle this request; it has been logged",
          Map.of());

  /**
   * True for the errors the process must not carry on after: every {@link VirtualMachineError}
   * except {@link StackOverflowError}, whose stack is unwound by the time it is caught, leaving the
   * JVM as sound as before (an {@link OutOfMemoryError} also ends the process by itself, see the
   * {@code -XX:+ExitOnOutOfMemoryError} in the launch scripts and docs/server.md).
   */
  public static boolean isFatal(Throwable t) {
    return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
  }

  private static void error(FailureLog failures, HttpServletResponse response, Error error) {
    if (isFatal(error)) {
      LOG.error("fatal {}; not handled here", error.getClass().getName());
      throw error;
    }
    failures.failed("unexpected", error, "");
    if (response.isCommitted()) {
      return;
    }
    try {
      response.resetBuffer();
      response.setStatus(500);
      response.setContentType("application/problem+json");
      response.getOutputStream().write(Json.write(INTERNAL.toJson()).getBytes(UTF_8));
    } catch (IOException | RuntimeException e) {
      // the client is gone or the response unusable; the failure itself is logged above
    }
  }

  /**
   * Registers the mapper in {@code config}. {@link Error}s thrown while handling a request (which
   * Javalin keeps apart from exceptions) get the same answer as unexpected exceptions: a
   * problem+json 500 and one log line. Errors that leave the JVM in doubt ({@link #isFatal}) are
   * logged and rethrown, never answered as if handled.
   */
  public static void install(JavalinConfig config) {
    FailureLog failures = new FailureLog(LOG, System::nanoTime);
    // Javalin 6 exposes this setting to Java under its Kotlin-internal name only
    config.router.setJavaLangErrorHandler$javalin((res, error) -> error(failures, res, error));
    config.router.mount(app -> install(app, failures));
  }

  private static void install(JavalinDefaultRouting app, FailureLog failures) {
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
    // a refusal Jetty raises outside a body read (Bodies converts those): answered with its status
    app.exception(BadMessageException.class, (e, ctx) -> render(ctx, Bodies.refused(e)));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          failures.failed("unexpected", e, " on " + ctx.method() + " " + routeOf(ctx));
          render(ctx, INTERNAL);
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
