package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.reliability.FuzzRequests.FuzzRequest;
import dev.clianalytics.server.testing.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand seeded, mutated requests over raw sockets across every endpoint of docs/server.md
 * and {@code POST /v1/traces}, against the server on PostgreSQL with tokens set and rate limits
 * off: no answer may be a 5xx, no request may hang, every error is problem+json (a
 * google.rpc.Status on the OTLP endpoint), the server is healthy afterwards, and its log holds no
 * token, raw actor id or body fragment.
 */
class EndpointFuzzTest {
  private static final int REQUESTS = 10_000;
  private static final int WORKERS = 4;
  private static final long SEED = 20260315L;
  private static final int TIMEOUT_MILLIS = 15_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void tenThousandMutatedRequests_neverGet5xxOrHang_andLeaveTheServerHealthy() throws Exception {
    Map<String, String> settings =
        Map.of(
            "RATE_LIMIT_PER_TOKEN", "0", "RATE_LIMIT_PER_ADDRESS", "0", "MAX_BODY_BYTES", "262144");
    try (TokenedPostgresServer server = TokenedPostgresServer.start(getClass(), dir, settings)) {
      System.out.println("reliability: fuzz seed=" + SEED + " workers=" + WORKERS);
      FuzzTally tally = fuzz(server.port());
      System.out.println("reliability: " + tally.summary());
      assertEquals(
          List.of(), tally.failures(), () -> "server warnings:\n" + warnings(server.log()));
      assertEquals(0, tally.serverErrors());
      assertEquals(REQUESTS, tally.total());
      assertEquals(FuzzTargets.ENDPOINTS.size(), tally.endpoints());
      for (int status : new int[] {200, 400, 401, 404}) {
        assertTrue(tally.statuses().containsKey(Integer.toString(status)), "no " + status);
      }
      // OTLP bodies reach the handler: stored runs, refused bodies, oversized batches
      assertTrue(
          tally.statusesOf("POST /v1/traces").containsAll(List.of(200, 400, 413)),
          () -> "POST /v1/traces got " + tally.statusesOf("POST /v1/traces"));
      assertHealthy(server.http());
      assertLogHoldsNoSecrets(server.log());
    }
  }

  private FuzzTally fuzz(int port) throws Exception {
    FuzzTally tally = new FuzzTally();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        FuzzRequests requests = new FuzzRequests(SEED + w, port);
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < REQUESTS / WORKERS; i++) {
                    FuzzRequest r = requests.next();
                    tally.record(r, RawHttp.exchange(port, r.bytes(), TIMEOUT_MILLIS));
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return tally;
  }

  /** The server's own WARN and ERROR lines: they name exception classes and routes, no data. */
  private static String warnings(String log) {
    return String.join(
        "\n",
        log.lines().filter(l -> l.contains("WARN") || l.contains("ERROR")).limit(40).toList());
  }

  private static void assertHealthy(Http http) {
    Http.Response health = http.get("/health");
    assertEquals(200, health.status(), health.body());
    assertEquals("ok", ((Map<?, ?>) Json.parse(health.body())).get("database"));
    String event =
        Json.write(
            Map.of(
                "timestamp",
                java.time.Instant.now().minusSeconds(60).toString(),
                "tool_name",
                "git",
                "command_path",
                List.of("git", "status"),
                "exit_code",
                0,
                "actor_id",
                "after-fuzz"));
    Http.Response ingest = http.postJson("/ingest", event, TokenedPostgresServer.INGEST);
    assertEquals(200, ingest.status(), ingest.body());
    assertEquals(
        1L, ((Number) ((Map<?, ?>) Json.parse(ingest.body())).get("accepted")).longValue());
    Http.Response summary =
        http.get("/reports/summary", "Authorization", "Bearer " + TokenedPostgresServer.READ);
    assertEquals(200, summary.status(), summary.body());
  }

  private static void assertLogHoldsNoSecrets(String log) {
    List<String> forbidden = new ArrayList<>(TokenedPostgresServer.tokens());
    forbidden.addAll(
        List.of(FuzzBodies.ACTOR_MARKER, FuzzBodies.BODY_MARKER, FuzzRequests.GARBAGE_TOKEN));
    Leaks leaks = new Leaks(forbidden);
    leaks.scan("server log", log);
    assertEquals(List.of(), leaks.found());
    assertTrue(!log.contains("\tat "), "no stack trace in the log");
    assertTrue(log.contains("listening on port"), "the log was captured");
    System.out.println(
        "reliability: fuzz log lines="
            + log.lines().count()
            + " bytes="
            + log.getBytes(StandardCharsets.UTF_8).length
            + " secrets_found=0");
  }
}
