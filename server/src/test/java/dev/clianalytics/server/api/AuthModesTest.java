package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which endpoints are open depends on the database mode (docs/server.md). The storage is the fake
 * here: these rules live in the HTTP layer, and a PostgreSQL-mode configuration needs no server.
 */
class AuthModesTest {
  @TempDir Path dir;

  private Http start(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dir.toString());
    env.put("PORT", "0");
    env.put("HASH_SALT", "0123456789abcdef0123");
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    ServerConfig config = ServerConfig.from(env, dir.resolve("none"));
    CliAnalyticsServer server = CliAnalyticsServer.start(config, new InMemoryStorage());
    servers.add(server);
    return new Http(server.port());
  }

  private final java.util.List<CliAnalyticsServer> servers = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void stop() {
    servers.forEach(CliAnalyticsServer::close);
  }

  private static int ingest(Http http) {
    return http.post(
            "/ingest", Json.write(Ev.recent("x").json()), "Content-Type", "application/json")
        .status();
  }

  @Test
  void embeddedWithoutTokens_isOpenForEverything() {
    Http http = start();
    assertEquals(200, ingest(http));
    assertEquals(200, http.get("/rest/v1/events").status());
    assertEquals(200, http.delete("/actors/x").status());
  }

  @Test
  void embeddedWithSomeToken_requiresTokensEverywhere() {
    Http http = start("ADMIN_TOKEN", "admin-secret-1");
    assertEquals(401, ingest(http));
    assertEquals(401, http.get("/rest/v1/events").status());
  }

  @Test
  void postgresWithoutTokens_refusesIngestAndReads() {
    Http http = start("DATABASE_URL", "postgresql://u@127.0.0.1:1/none");
    assertEquals(401, ingest(http));
    assertEquals(401, http.get("/rest/v1/events").status());
  }

  @Test
  void postgresWithAnonymousIngest_acceptsIngestButNotReads() {
    Http http =
        start(
            "DATABASE_URL",
            "postgresql://u@127.0.0.1:1/none",
            "ALLOW_ANONYMOUS_INGEST",
            "true",
            "READ_TOKENS",
            "reader-1");
    assertEquals(200, ingest(http));
    assertEquals(401, http.get("/rest/v1/events").status());
    assertEquals(401, http.delete("/actors/x").status());
  }

  @Test
  void anonymousIngest_neverAllowsInference() {
    Http http =
        start(
            "DATABASE_URL",
            "postgresql://u@127.0.0.1:1/none",
            "ALLOW_ANONYMOUS_INGEST",
            "true",
            "READ_TOKENS",
            "reader-1");
    assertEquals(401, http.post("/infer?full=true", "").status());
    assertEquals(401, http.post("/infer", "").status());
  }
}
