package dev.clianalytics.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.NodeProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /rest/v1/events} driven by the official PostgREST JavaScript client (npm
 * {@code @supabase/postgrest-js}, pinned in {@code src/test/postgrest-js}); see {@link
 * NodeClients}.
 */
class PostgrestJsCompatibilityTest {
  @TempDir Path dataDir;

  @Test
  void officialClient_insertsAndSelectsLikeOnPostgrest() throws Exception {
    NodeClients.prepare();
    ServerConfig config =
        ServerConfig.from(
            Map.of("DATA_DIR", dataDir.toString(), "PORT", "0", "ADMIN_TOKEN", "compat-admin-1"),
            dataDir.resolve("none"));
    try (CliAnalyticsServer server =
        CliAnalyticsServer.start(config, Storages.open(null, dataDir))) {
      NodeProject.ProcessResult result =
          NodeClients.run(
              List.of("node", "compat.mjs"),
              Map.of(
                  "REST_URL",
                  "http://127.0.0.1:" + server.port() + "/rest/v1",
                  "TOKEN",
                  "compat-admin-1"));
      assertEquals(0, result.exit(), result.output());
      assertTrue(result.output().contains("\"ok\":true"), result.output());
    }
  }
}
