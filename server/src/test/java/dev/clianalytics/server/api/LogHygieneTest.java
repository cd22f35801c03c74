package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever happens, the server's log never holds bodies, raw identifiers, tokens, traces or client
 * addresses (docs/what-is-collected.md).
 */
class LogHygieneTest {
  private static final String SECRET_ACTOR = "carol.secret@example.com";
  private static final String TOKEN = "tok-super-secret-123";

  @TempDir Path dir;

  @Test
  void logs_neverContainBodiesRawIdsTokensOrStackTraces() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    InMemoryStorage storage = new InMemoryStorage();
    ServerConfig config =
        ServerConfig.from(
            Map.of("DATA_DIR", dir.toString(), "PORT", "0", "INGEST_TOKENS", TOKEN),
            dir.resolve("none"));
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, storage)) {
      Http http = new Http(server.port());
      String auth = "Bearer " + TOKEN;
      Map<String, Object> e = Ev.recent(SECRET_ACTOR).json();
      e.put("error_message", "failed for " + SECRET_ACTOR);
      assertEquals(200, http.post("/ingest", Json.write(e), "Authorization", auth).status());
      http.post("/ingest", "{\"actor_id\": \"" + SECRET_ACTOR + "\"", "Authorization", auth);
      http.post("/ingest", Json.write(e), "Authorization", "Bearer " + SECRET_ACTOR);
      storage.down = true;
      assertEquals(
          503, http.post("/ingest", Json.write(List.of(e)), "Authorization", auth).status());
      http.get("/health");
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("database unavailable"), "the log was captured: " + log);
    assertFalse(log.contains(SECRET_ACTOR), log);
    assertFalse(log.contains(TOKEN), log);
    assertFalse(log.contains("\tat "), log);
    assertFalse(log.contains("carol"), log);
  }

  @Test
  void logs_neverContainClientAddresses() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATA_DIR",
                dir.toString(),
                "PORT",
                "0",
                "INGEST_TOKENS",
                TOKEN,
                "RATE_LIMIT_PER_ADDRESS",
                "1"),
            dir.resolve("none"));
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, new InMemoryStorage())) {
      Http http = new Http(server.port());
      for (int i = 0; i < 5; i++) {
        http.post("/ingest", "[]", "Authorization", "Bearer " + TOKEN);
      }
      http.raw("GET /%zz HTTP/1.1");
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("answering 429"), "the rate limit was logged: " + log);
    assertFalse(log.contains("127.0.0.1") || log.contains("localhost"), log);
  }
}
