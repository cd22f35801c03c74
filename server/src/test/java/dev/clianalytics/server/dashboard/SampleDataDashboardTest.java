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

  private CliAnalyticsServer server;

  @Override
  protected String startBackend() throws Exception {
    Path dataDir = Files.createTempDirectory("dashboard-sample");
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATA_DIR", dataDir.toString(),
                "HASH_SALT", "dashboard-test-salt-0123456789",
                "PORT", "0",
                "INFER_INTERVAL", "0"),
            dataDir.resolve("no.env"));
    server = CliAnalyticsServer.start(config, Storages.open(null, dataDir));
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
    Http.Response inferred = http.post("/infer", "");
    assertEquals(200, inferred.status(), inferred.body());
    return "http://127.0.0.1:" + server.port();
  }

  private static void ingest(Http http, List<Map<String, Object>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Http.Response response =
        http.post("/ingest", Json.write(batch), "Content-Type", "application/json");
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
