package dev.clianalytics.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard on the real server (embedded database) loaded with the sample generator's data
 * through {@code POST /ingest} and {@code POST /infer}, exactly as a user would load it.
 */
class SampleDataDashboardTest extends DashboardBrowserContract {
  /** Enough for every report to have groups and a significant planted regression. */
  private static final SampleOptions SAMPLE =
      new SampleOptions(12_000, 30, 28, 42, LocalDate.now(ZoneOffset.UTC));

  private static final int BATCH = 4_000;

  static final String INGEST_TOKEN = "dashboard-ingest-token-1";
  static final String ADMIN_TOKEN = "dashboard-admin-token-1";

  private CliAnalyticsServer server;

  /** The server's {@code DATABASE_URL}; null for the embedded database, which needs no tokens. */
  protected String databaseUrl() {
    return null;
  }

  @Override
  protected String readToken() {
    return databaseUrl() == null ? null : "dashboard-read-token-1";
  }

  @Override
  protected String startBackend() throws Exception {
    Path dataDir = Files.createTempDirectory("dashboard-sample");
    Map<String, String> env = new java.util.HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("HASH_SALT", "dashboard-test-salt-0123456789");
    env.put("PORT", "0");
    env.put("INFER_INTERVAL", "0");
    String databaseUrl = databaseUrl();
    if (databaseUrl != null) {
      env.put("DATABASE_URL", databaseUrl);
      env.put("INGEST_TOKENS", INGEST_TOKEN);
      env.put("READ_TOKENS", readToken());
      env.put("ADMIN_TOKEN", ADMIN_TOKEN);
    }
    ServerConfig config = ServerConfig.from(env, dataDir.resolve("no.env"));
    server = CliAnalyticsServer.start(config, Storages.open(databaseUrl, dataDir));
    Http http = new Http(server.port());
    List<Map<String, Object>> batch = new ArrayList<>(BATCH);
    new SampleGenerator(SAMPLE)
        .generate(
            event -> {
              batch.add(event);
              if (batch.size() == BATCH) {
                ingest(http, batch);
              }
            });
    ingest(http, batch);
    Http.Response inferred =
        databaseUrl == null
            ? http.post("/infer", "")
            : http.post("/infer", "", "Authorization", "Bearer " + ADMIN_TOKEN);
    assertEquals(200, inferred.status(), inferred.body());
    return "http://127.0.0.1:" + server.port();
  }

  private void ingest(Http http, List<Map<String, Object>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Http.Response response =
        databaseUrl() == null
            ? http.post("/ingest", Json.write(batch), "Content-Type", "application/json")
            : http.post(
                "/ingest",
                Json.write(batch),
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + INGEST_TOKEN);
    assertEquals(200, response.status(), response.body());
    batch.clear();
  }

  @Override
  protected void stopBackend() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected String screenshotPrefix() {
    return "sample";
  }
}
