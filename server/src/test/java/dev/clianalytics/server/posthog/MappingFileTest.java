package dev.clianalytics.server.posthog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ConfigException;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingFileTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void noFile_givesTheDefaultMapping() {
    PosthogMapping m = MappingFile.load(null);
    assertEquals(List.of("command", "command_name", "cmd", "subcommand"), m.keys("command_path"));
    assertTrue(m.isStart("cli command started"));
    assertFalse(m.isStart("cli_command"));
  }

  @Test
  void yamlFile_renamesKeysNamesEventsAndSetsToolPerProjectKey() throws IOException {
    PosthogMapping m =
        MappingFile.load(
            write(
                "m.yaml",
                """
                fields:
                  command_path: [op]
                  exit_code: rc
                command_events: [op_done]
                start_events: [op_begin]
                tools:
                  phc_project1: acme
                """));
    var events = new PosthogEvents(m);
    Map<String, Object> props = Map.of("op", "deploy now", "rc", 3);
    var run =
        (PosthogEvents.Run)
            events.map(
                Map.of("event", "op_done", "distinct_id", "u", "properties", props),
                "phc_project1",
                NOW);
    assertEquals(List.of("acme", "deploy", "now"), run.item().get("command_path"));
    assertEquals(3, run.item().get("exit_code"));
    assertTrue(
        events.map(Map.of("event", "op_begin", "properties", props), null, NOW)
            instanceof PosthogEvents.Start);
    assertTrue(
        events.map(Map.of("event", "other", "properties", props), null, NOW)
            instanceof PosthogEvents.Dropped);
    assertEquals(Set.of("op_done"), m.commandEvents());
  }

  @Test
  void namedCommandEventWithoutAnOutcome_isASuccessfulRun() throws IOException {
    PosthogMapping m = MappingFile.load(write("m.json", "{\"command_events\": \"cli_command\"}"));
    var run =
        (PosthogEvents.Run)
            new PosthogEvents(m)
                .map(
                    Map.of("event", "cli_command", "properties", Map.of("command", "x y")),
                    null,
                    NOW);
    assertEquals(0, run.item().get("exit_code"));
  }

  @Test
  void everyProblemIsNamedAtOnce_andProjectKeysAreNeverEchoed() throws IOException {
    Path file =
        write(
            "bad.yaml",
            """
            feilds: {}
            fields:
              comand: [x]
              exit_code: []
              tool_name: [1]
            command_events: [""]
            tools:
              phc_secret_key_123: "two words"
            """);
    ConfigException e = assertThrows(ConfigException.class, () -> MappingFile.load(file));
    String msg = e.getMessage();
    for (String part :
        List.of(
            "POSTHOG_MAPPING_FILE",
            "unknown key 'feilds'",
            "unknown field 'comand'",
            "fields.exit_code must list at least one property key",
            "fields.tool_name entry 1",
            "command_events entry 1",
            "tools entry 1 must name a tool")) {
      assertTrue(msg.contains(part), part + " in: " + msg);
    }
    assertFalse(msg.contains("phc_secret_key_123"), msg);
  }

  @Test
  void serverStart_withAnInvalidOrMissingMappingFile_stopsWithTheProblem() throws IOException {
    Path bad = write("bad.yaml", "fields: 3");
    ServerConfig config =
        ServerConfig.from(
            Map.of("DATA_DIR", dir.toString(), "PORT", "0", "POSTHOG_MAPPING_FILE", bad.toString()),
            dir.resolve("none"));
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> CliAnalyticsServer.start(config, Storages.open(null, dir)).close());
    assertTrue(e.getMessage().contains("'fields' must map"), e.getMessage());
    ConfigException missing =
        assertThrows(
            ConfigException.class,
            () ->
                ServerConfig.from(
                    Map.of("POSTHOG_MAPPING_FILE", dir.resolve("nope.yaml").toString()),
                    dir.resolve("none")));
    assertTrue(missing.getMessage().startsWith("POSTHOG_MAPPING_FILE"), missing.getMessage());
  }

  @Test
  void toolsOfTheFile_applyToTheKeyInTheBodyAndToTheKeyInTheBearerHeader() throws IOException {
    Path file = write("tools.yaml", "tools:\n  phc_keyA: toola\n  phc_keyB: toolb\n");
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATA_DIR", dir.toString(),
                "PORT", "0",
                "INGEST_TOKENS", "phc_keyA,phc_keyB",
                "ADMIN_TOKEN", "admin-token-xyz",
                "POSTHOG_MAPPING_FILE", file.toString()),
            dir.resolve("none"));
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, Storages.open(null, dir))) {
      Http http = new Http(server.port());
      String event =
          "{\"event\":\"cli_command\",\"distinct_id\":\"u\",\"timestamp\":\""
              + Instant.now()
              + "\",\"properties\":{\"command\":\"deploy\",\"exit_code\":0}}";
      assertEquals(
          200,
          http.post("/batch/", "{\"api_key\":\"phc_keyA\",\"batch\":[" + event + "]}").status());
      assertEquals(
          200, http.postJson("/batch/", "{\"batch\":[" + event + "]}", "phc_keyB").status());
      String rows = http.get("/rest/v1/events", "apikey", "admin-token-xyz").body();
      assertTrue(rows.contains("[\"toola\",\"deploy\"]"), rows);
      assertTrue(rows.contains("[\"toolb\",\"deploy\"]"), rows);
    }
  }

  @Test
  void unparsableOrNonMappingFile_isRefusedWithTheReason() throws IOException {
    assertTrue(
        assertThrows(ConfigException.class, () -> MappingFile.load(write("x.json", "{oops")))
            .getMessage()
            .contains("not valid YAML or JSON"));
    assertTrue(
        assertThrows(ConfigException.class, () -> MappingFile.load(write("x.yaml", "- a")))
            .getMessage()
            .contains("must hold a mapping"));
  }
}
