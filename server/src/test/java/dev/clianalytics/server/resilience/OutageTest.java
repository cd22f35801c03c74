package dev.clianalytics.server.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.ThrowawayPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With PostgreSQL stopped, ingest and health answer 503 and the server stays up; when PostgreSQL
 * returns, ingest resumes without a restart and nothing acknowledged is missing. Uses a private
 * cluster, so the shared PostgreSQL is never stopped.
 */
class OutageTest {
  @TempDir Path dir;

  @Test
  void postgresCrash_answers503ThenResumes_andNothingAcknowledgedIsLost() throws Exception {
    try (ThrowawayPostgres pg = ThrowawayPostgres.start();
        CliAnalyticsServer server = start(pg.url())) {
      Http http = new Http(server.port());
      Set<String> acknowledged = new HashSet<>();
      for (int i = 0; i < 5; i++) {
        assertEquals(200, post(http, acknowledged));
      }

      pg.crash();
      assertEquals(503, post(http, acknowledged));
      Http.Response health = http.get("/health");
      assertEquals(503, health.status());
      assertEquals("unavailable", ((Map<?, ?>) Json.parse(health.body())).get("database"));
      assertEquals(503, post(http, acknowledged), "still down, still answering");

      pg.startServer();
      int status = 0;
      for (int attempt = 0; attempt < 30 && status != 200; attempt++) {
        status = post(http, acknowledged);
        if (status != 200) {
          Thread.sleep(1000);
        }
      }
      assertEquals(200, status, "ingest resumed without a restart");
      assertEquals(200, http.get("/health").status());
      assertTrue(storedIds(http).containsAll(acknowledged), "every acknowledged event is stored");
      assertEquals(6 * 20, acknowledged.size());
    }
  }

  @Test
  void unreachableDatabaseAtStart_answers503AndRecoversNothing() {
    try (CliAnalyticsServer server = start("postgresql://postgres@127.0.0.1:1/none")) {
      Http http = new Http(server.port());
      assertEquals(503, http.get("/health").status());
      Http.Response r =
          http.post(
              "/ingest",
              Json.write(Ev.recent("x").json()),
              "Content-Type",
              "application/json",
              "apikey",
              "in-1");
      assertEquals(503, r.status());
      assertTrue(r.contentType().startsWith("application/problem+json"));
      assertEquals(503, http.get("/health").status(), "the server stays up");
    }
  }

  private CliAnalyticsServer start(String url) {
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATABASE_URL", url,
                "HASH_SALT", "outage-test-salt-123456",
                "PORT", "0",
                "DATA_DIR", dir.toString(),
                "INGEST_TOKENS", "in-1",
                "READ_TOKENS", "read-1"),
            dir.resolve("none"));
    return CliAnalyticsServer.start(config, Storages.open(url, dir));
  }

  /** Posts a batch of 20 new events; remembers their ids when the server acknowledges them. */
  private static int post(Http http, Set<String> acknowledged) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(Ev.recent("outage-" + i).json());
    }
    Http.Response r =
        http.post(
            "/ingest", Json.write(batch), "Content-Type", "application/json", "apikey", "in-1");
    if (r.status() == 200) {
      batch.forEach(e -> acknowledged.add((String) e.get("event_id")));
    }
    return r.status();
  }

  private static Set<String> storedIds(Http http) {
    Set<String> ids = new HashSet<>();
    for (int offset = 0; ; offset += 1000) {
      List<?> page =
          (List<?>)
              Json.parse(
                  http.get("/rest/v1/events?limit=1000&offset=" + offset, "apikey", "read-1")
                      .body());
      page.forEach(row -> ids.add((String) ((Map<?, ?>) row).get("id")));
      if (page.size() < 1000) {
        return ids;
      }
    }
  }
}
