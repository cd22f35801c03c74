package dev.clianalytics.server.posthog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.NodeProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture endpoints driven by the official {@code posthog-node} client (npm, pinned in {@code
 * src/test/posthog-node}): captures, a batch flush and shutdown, gzip as the client sends it, with
 * only the host changed. Ends with the runs in {@code /reports/summary}. Needs node and npm;
 * skipped visibly without them, except under {@code CI=true}.
 */
class PosthogNodeCompatibilityTest {
  private static final String KEY = "phc_compatProjectKey123";
  private static final String READ = "compat-read-1";
  private static final String ADMIN = "compat-admin-1";

  @TempDir Path dataDir;

  @Test
  void officialClient_capturesFlushesAndShutsDown_andTheRunsReachTheReports() throws Exception {
    NodeProject node =
        NodeProject.prepare(
            "posthog-node",
            List.of("package.json", "package-lock.json", "compat.mjs"),
            List.of("posthog-node"));
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATA_DIR",
                dataDir.toString(),
                "PORT",
                "0",
                "INGEST_TOKENS",
                KEY,
                "READ_TOKENS",
                READ,
                "ADMIN_TOKEN",
                ADMIN,
                "INFER_INTERVAL",
                "0"),
            dataDir.resolve("none"));
    try (CliAnalyticsServer server =
        CliAnalyticsServer.start(config, Storages.open(null, dataDir))) {
      NodeProject.ProcessResult result =
          node.run(
              List.of("node", "compat.mjs"),
              Map.of("POSTHOG_HOST", "http://127.0.0.1:" + server.port(), "POSTHOG_KEY", KEY));
      assertEquals(0, result.exit(), result.output());
      assertTrue(result.output().contains("\"ok\":true"), result.output());
      Http http = new Http(server.port());
      assertEquals(200, http.postJson("/infer", "", ADMIN).status());
      Map<?, ?> apply = workflow(http, "apply_workflow");
      Map<?, ?> outcomes = (Map<?, ?>) apply.get("outcomes");
      assertEquals(1L, count(outcomes.get("SUCCESS")), apply.toString());
      assertEquals(1L, count(outcomes.get("FAILED")), apply.toString());
      assertEquals(1L, count(outcomes.get("ABANDONED")), apply.toString());
      String rows = http.get("/rest/v1/events?limit=1000", "apikey", READ).body();
      assertFalse(rows.contains("dave@example.com"), rows);
      assertFalse(rows.contains("alice"), "distinct ids are stored hashed");
    }
  }

  private static Map<?, ?> workflow(Http http, String name) {
    Http.Response summary = http.get("/reports/summary", "Authorization", "Bearer " + READ);
    assertEquals(200, summary.status(), summary.body());
    for (Object w : (List<?>) ((Map<?, ?>) Json.parse(summary.body())).get("workflows")) {
      if (name.equals(((Map<?, ?>) w).get("name"))) {
        return (Map<?, ?>) w;
      }
    }
    fail(name + " is not in the summary: " + summary.body());
    return null;
  }

  private static long count(Object n) {
    assertNotNull(n);
    return ((Number) n).longValue();
  }
}
