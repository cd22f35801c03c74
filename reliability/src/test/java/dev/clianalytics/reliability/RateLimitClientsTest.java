package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.cli.Main;
import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.CommandRun;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own clients under a per-token limit far below what they send (2 requests per second, burst
 * 4): {@code post-events} and the SDK are refused with 429, wait as {@code Retry-After} says, and
 * deliver every event exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RateLimitClientsTest {
  private static final int EVENTS = 12;
  private static final int SDK_EVENTS = 10;

  private TokenedPostgresServer server;
  private Http http;

  @BeforeAll
  void start(@TempDir Path dir) {
    server =
        TokenedPostgresServer.start(
            getClass(), dir, Map.of("RATE_LIMIT_PER_TOKEN", "2", "RATE_LIMIT_PER_ADDRESS", "0"));
    http = server.http();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void postEvents_overTheTokenLimit_waitsAsToldAndSendsEverything(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("events.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < EVENTS; i++) {
      lines.append(Json.write(event("post-events-" + i, "postevents"))).append('\n');
    }
    Files.writeString(file, lines);
    int before = refusedTokens();
    String[] out = new String[2];
    int exit =
        captured(
            out,
            () ->
                Main.run(
                    "post-events",
                    file.toString(),
                    "--url",
                    "http://127.0.0.1:" + server.port(),
                    "--token",
                    TokenedPostgresServer.INGEST,
                    "--batch-size",
                    "1"));
    assertEquals(0, exit, out[1]);
    assertTrue(
        out[0].contains("sent 12 events: 12 accepted, 0 duplicates, 0 rejected"), out[0] + out[1]);
    int refused = refusedTokens() - before;
    assertTrue(refused > 0, "post-events was refused at least once");
    assertEquals(EVENTS, stored("postevents"));
    System.out.println(
        "reliability: rate-limited post-events events="
            + EVENTS
            + " requests_refused="
            + refused
            + " stored="
            + EVENTS);
  }

  @Test
  void sdk_overTheTokenLimit_waitsAsToldAndDeliversEveryEventOnce(@TempDir Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("EVENTS_ENABLED", "1");
    env.put("EVENTS_URL", "http://127.0.0.1:" + server.port() + "/ingest");
    env.put("EVENTS_TOKEN", TokenedPostgresServer.ADMIN);
    env.put("EVENTS_FLUSH_TIMEOUT_MS", "20000");
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    int before = refusedTokens();
    try (CliAnalytics analytics = CliAnalytics.start("sdklimited", "1.0.0", List.of(), env)) {
      // one request per event: flushing after each makes the SDK send them one by one
      for (int i = 0; i < SDK_EVENTS; i++) {
        analytics.recordEvent(CommandRun.of(0, "deploy"));
        assertTrue(analytics.flush(), "event " + i + " delivered within the flush timeout");
      }
    }
    int refused = refusedTokens() - before;
    assertTrue(refused > 0, "the SDK was refused at least once");
    assertEquals(SDK_EVENTS, stored("sdklimited"));
    System.out.println(
        "reliability: rate-limited SDK events="
            + SDK_EVENTS
            + " requests_refused="
            + refused
            + " stored="
            + SDK_EVENTS);
  }

  private static Map<String, Object> event(String actor, String tool) {
    return Map.of(
        "timestamp",
        Instant.now().minusSeconds(60).toString(),
        "tool_name",
        tool,
        "command_path",
        List.of(tool, "run"),
        "exit_code",
        0,
        "actor_id",
        actor);
  }

  /** Stored events of {@code tool}, read with the read token (which has its own bucket). */
  private int stored(String tool) {
    Http.Response r = http.get("/rest/v1/events?limit=10000", "apikey", TokenedPostgresServer.READ);
    assertEquals(200, r.status(), r.body());
    int n = 0;
    for (Object row : (List<?>) Json.parse(r.body())) {
      Object payload = ((Map<?, ?>) row).get("payload");
      if (payload instanceof Map<?, ?> p && tool.equals(p.get("tool_name"))) {
        n++;
      }
    }
    return n;
  }

  private int refusedTokens() {
    String metrics = http.get("/metrics").body();
    Matcher m =
        Pattern.compile("cli_analytics_http_rate_limited_total\\{limit=\"token\"} (\\d+)")
            .matcher(metrics);
    assertTrue(m.find(), metrics);
    return Integer.parseInt(m.group(1));
  }

  /** Runs {@code command} with standard output and error captured into {@code out[0..1]}. */
  private static int captured(String[] out, java.util.function.IntSupplier command) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      return command.getAsInt();
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      out[0] = stdout.toString(StandardCharsets.UTF_8);
      out[1] = stderr.toString(StandardCharsets.UTF_8);
    }
  }
}
