package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.testing.Http;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two tools on one machine send different actor ids, and erasure with the id that {@code telemetry
 * status} shows (the one docs/privacy.md tells users to give) removes exactly that tool's events.
 */
class PerToolErasureTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgres", "clickhouse", "duckdb"})
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void erasureByTheStatusActorId_removesExactlyThatToolsEvents(String database) {
    try (InProcessServer server =
        InProcessServer.start(database, getClass(), dir.resolve("data"))) {
      Map<String, String> env =
          InProcessServer.sdkEnv(
              dir.resolve("home"),
              "EVENTS_ENABLED",
              "1",
              "EVENTS_URL",
              server.ingestUrl(),
              "EVENTS_TOKEN",
              InProcessServer.INGEST);
      for (String tool : List.of("alpha", "beta")) {
        assertEquals(0, TinyTool.run(tool, env, "deploy", "web").exitCode());
        assertEquals(0, TinyTool.run(tool, env, "deploy", "--force", "db").exitCode());
      }
      String alphaId = TinyTool.run("alpha", env, "telemetry", "status").actorId();
      String betaId = TinyTool.run("beta", env, "telemetry", "status").actorId();
      assertNotEquals(alphaId, betaId);
      assertEquals(Map.of("alpha", 2, "beta", 2), toolsStored(server.http()));
      assertEquals(2, distinctActors(server.http()));

      Http.Response erased =
          server
              .http()
              .delete("/actors/" + alphaId, "Authorization", "Bearer " + InProcessServer.ADMIN);
      assertEquals(200, erased.status(), erased.body());
      assertEquals(2L, ((Map<?, ?>) Json.parse(erased.body())).get("deleted"));
      assertEquals(Map.of("beta", 2), toolsStored(server.http()));
      if (database.equals("clickhouse")) {
        // gone from disk too, not only hidden: no raw row and no commit row of alpha is left
        assertEquals(
            "0",
            server.clickHouseSql("SELECT count() FROM events WHERE tool_name = 'alpha'").strip());
        assertEquals("2", server.clickHouseSql("SELECT count() FROM event_ids").strip());
      }
    }
  }

  private static List<Map<?, ?>> payloads(Http http) {
    Http.Response r =
        http.get("/rest/v1/events?limit=1000", "Authorization", "Bearer " + InProcessServer.ADMIN);
    assertEquals(200, r.status(), r.body());
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object row : (List<?>) Json.parse(r.body())) {
      out.add((Map<?, ?>) ((Map<?, ?>) row).get("payload"));
    }
    return out;
  }

  private static Map<String, Integer> toolsStored(Http http) {
    Map<String, Integer> tools = new HashMap<>();
    for (Map<?, ?> p : payloads(http)) {
      tools.merge((String) p.get("tool_name"), 1, Integer::sum);
    }
    return tools;
  }

  private static long distinctActors(Http http) {
    return payloads(http).stream().map(p -> p.get("actor_id")).distinct().count();
  }
}
