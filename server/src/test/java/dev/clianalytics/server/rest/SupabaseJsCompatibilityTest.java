package dev.clianalytics.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.NodeProject;
import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /rest/v1/events} driven by the official Supabase client (npm {@code
 * @supabase/supabase-js}) through every PostgREST feature docs/supabase.md lists: {@code
 * src/test/postgrest-js/supabase.mjs} holds the table of queries and their expected answers, and
 * runs it against the server on each backend.
 */
class SupabaseJsCompatibilityTest {
  @TempDir Path dataDir;

  @Test
  void supabaseJs_onDuckDb_answersTheExpectedTable() throws Exception {
    NodeClients.prepare();
    drive(Storages.open(null, dataDir));
  }

  @Test
  void supabaseJs_onPostgres_answersTheExpectedTable() throws Exception {
    NodeClients.prepare();
    try (TestPostgres pg = TestPostgres.create(SupabaseJsCompatibilityTest.class)) {
      drive(Storages.open(pg.databaseUrl(), dataDir));
    }
  }

  @Test
  void supabaseJs_onClickHouse_answersTheExpectedTable() throws Exception {
    NodeClients.prepare();
    try (TestClickHouse ch = TestClickHouse.create(SupabaseJsCompatibilityTest.class)) {
      drive(Storages.open(ch.databaseUrl(), dataDir));
    }
  }

  private void drive(Storage storage) throws Exception {
    ServerConfig config =
        ServerConfig.from(
            Map.of("DATA_DIR", dataDir.toString(), "PORT", "0", "ADMIN_TOKEN", "supabase-admin-1"),
            dataDir.resolve("none"));
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, storage)) {
      NodeProject.ProcessResult result =
          NodeClients.run(
              List.of("node", "supabase.mjs"),
              Map.of(
                  "SUPABASE_URL",
                  "http://127.0.0.1:" + server.port(),
                  "TOKEN",
                  "supabase-admin-1"));
      assertEquals(0, result.exit(), result.output());
      assertTrue(result.output().contains("\"ok\":true"), result.output());
    }
  }
}
