package dev.clianalytics.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throwables outside {@link Exception} thrown by one request's work: answered as a problem+json 500
 * with one log line (none for repeats), while errors that leave the JVM in doubt are not swallowed
 * (see docs/server.md, "Failures").
 */
class ThrowableMappingTest {
  @TempDir Path dir;

  /** A store whose reads fail with whatever {@link #failure} makes. */
  static final class FailingStorage extends InMemoryStorage {
    volatile Supplier<Throwable> failure = () -> null;

    @Override
    public synchronized List<Row> rows(int limit, int offset) {
      Throwable t = failure.get();
      if (t instanceof Error e) {
        throw e;
      }
      return super.rows(limit, offset);
    }
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  private static Throwable realStackOverflow() {
    try {
      recurse(0);
      throw new AssertionError("unreachable");
    } catch (StackOverflowError e) {
      return e;
    }
  }

  private String run(
      FailingStorage storage, Supplier<Throwable> failure, int requests, int status) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    ServerConfig config =
        ServerConfig.from(Map.of("DATA_DIR", dir.toString(), "PORT", "0"), dir.resolve("none"));
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, storage)) {
      storage.failure = failure;
      Http http = new Http(server.port());
      for (int i = 0; i < requests; i++) {
        Http.Response r = http.get("/rest/v1/events");
        assertEquals(status, r.status(), r.body());
        if (status == 500) {
          assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
          assertEquals(500L, ((Map<?, ?>) Json.parse(r.body())).get("status"));
        }
      }
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static long lines(String log, String needle) {
    return log.lines().filter(l -> l.contains(needle)).count();
  }

  @Test
  void stackOverflow_isAProblem500_loggedOnceWithoutStack() {
    String log = run(new FailingStorage(), ThrowableMappingTest::realStackOverflow, 5, 500);

    assertEquals(1, lines(log, "StackOverflowError"), log);
    assertFalse(log.contains("\tat "), log);
  }

  @Test
  void assertionError_isAProblem500_loggedOnce() {
    String log = run(new FailingStorage(), () -> new AssertionError("secret-detail"), 3, 500);

    assertEquals(1, lines(log, "AssertionError"), log);
    assertFalse(log.contains("secret-detail"), log);
    assertFalse(log.contains("\tat "), log);
  }

  @Test
  void differentFailures_eachGetTheirLine() {
    FailingStorage storage = new FailingStorage();
    String log =
        run(
            storage,
            new Supplier<>() {
              int n;

              @Override
              public Throwable get() {
                return n++ % 2 == 0 ? new AssertionError() : new ExceptionInInitializerError();
              }
            },
            4,
            500);

    assertEquals(1, lines(log, "AssertionError"), log);
    assertEquals(1, lines(log, "ExceptionInInitializerError"), log);
  }

  @Test
  void fatal_virtualMachineErrorsOtherThanStackOverflow_areNotSwallowed() {
    assertTrue(ProblemMapper.isFatal(new OutOfMemoryError()));
    assertTrue(ProblemMapper.isFatal(new InternalError()));
    assertFalse(ProblemMapper.isFatal(new StackOverflowError()));
    assertFalse(ProblemMapper.isFatal(new AssertionError()));
    assertFalse(ProblemMapper.isFatal(new IllegalStateException()));
  }
}
