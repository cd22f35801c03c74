package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.FakeServer;
import dev.clianalytics.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command that prints a result accepts {@code --json} (README.md, Commands). */
class JsonOptionTest {
  /** Commands whose output is a running program's, not a result: they take no {@code --json}. */
  private static final Set<String> NO_RESULT =
      Set.of("serve", "demo", "exec", "help", "cli-analytics", "report", "nsm", "actors");

  @TempDir Path dir;

  @Test
  void everyCommandThatPrintsAResult_hasAJsonOption() {
    List<String> missing = new ArrayList<>();
    collect(Main.newCommandLine(), missing);
    assertEquals(List.of(), missing, "commands without --json");
  }

  private static void collect(CommandLine cmd, List<String> missing) {
    String name = cmd.getCommandSpec().qualifiedName(" ");
    String leaf = cmd.getCommandName();
    if (!NO_RESULT.contains(leaf) && cmd.getCommandSpec().findOption("--json") == null) {
      missing.add(name);
    }
    cmd.getSubcommands().values().forEach(sub -> collect(sub, missing));
  }

  @Test
  void nsmAggregate_withJson_printsTheSameDocumentAsWithout() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(
        file,
        "{\"timestamp\":\"2026-01-05T10:00:00Z\",\"tool_name\":\"ai-do\","
            + "\"command_path\":[\"ai-do\",\"run\"],\"exit_code\":0,\"actor_id\":\"a\"}\n");
    CommandRun plain = CommandRun.of("", "nsm", "aggregate", file.toString());
    CommandRun json = CommandRun.of("", "nsm", "aggregate", file.toString(), "--json");
    assertEquals(0, json.exitCode(), json.err());
    assertEquals(plain.out(), json.out());
    assertEquals("nsm_weekly_totals", ((Map<?, ?>) Json.parse(json.out().strip())).get("type"));
  }

  @Test
  void sanitize_withJson_printsTheSameJsonLinesAsWithout() {
    String line =
        "{\"timestamp\":\"2026-01-05T10:00:00Z\",\"tool_name\":\"git\","
            + "\"command_path\":[\"git\",\"push\"],\"exit_code\":0,\"actor_id\":\"a\"}\n";
    CommandRun plain = CommandRun.of(line, "sanitize");
    CommandRun json = CommandRun.of(line, "sanitize", "--json");
    assertEquals(0, json.exitCode(), json.err());
    assertEquals(plain.out(), json.out());
  }

  @Test
  void generateSample_withJson_printsWhatItWroteAsJson() {
    Path out = dir.resolve("sample.jsonl");
    CommandRun run =
        CommandRun.of(
            "",
            "generate-sample",
            "-o",
            out.toString(),
            "--events",
            "50",
            "--actors",
            "3",
            "--json");
    assertEquals(0, run.exitCode(), run.err());
    Map<?, ?> result = (Map<?, ?>) Json.parse(run.out().strip());
    assertEquals(50L, result.get("events"));
    assertEquals(3L, result.get("actors"));
    assertEquals(out.toString(), result.get("output"));
    assertEquals("", run.err());
  }

  @Test
  void migrate_withJson_saysWhichDatabaseWasMigrated() {
    CommandRun run = CommandRun.of("", "migrate", "--json");
    assertEquals(0, run.exitCode(), run.err());
    String database = System.getenv("DATABASE_URL") == null ? "embedded" : "postgresql";
    assertEquals(Map.of("migrated", true, "database", database), Json.parse(run.out().strip()));
  }

  @Test
  void nsmUpload_withJson_printsTheHostAndWeeksOnStandardOutput() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(
        file,
        "{\"timestamp\":\"2026-01-05T10:00:00Z\",\"tool_name\":\"ai-do\","
            + "\"command_path\":[\"ai-do\",\"run\"],\"exit_code\":0,\"actor_id\":\"a\"}\n");
    try (FakeServer server = new FakeServer(r -> new FakeServer.Reply(201, "", null))) {
      CommandRun run =
          CommandRun.of(
              "",
              "nsm",
              "upload",
              file.toString(),
              "--events-url",
              server.url() + "/rest/v1/events",
              "--json");
      assertEquals(0, run.exitCode(), run.err());
      Map<?, ?> result = (Map<?, ?>) Json.parse(run.out().strip());
      assertEquals(1L, result.get("uploaded_weeks"));
      assertEquals("127.0.0.1", result.get("host"));
    }
  }

  @Test
  void help_namesEachEnvironmentDefaultAndShowsTheUrlInForce() {
    String url = System.getenv().getOrDefault("CLI_ANALYTICS_URL", "http://localhost:8000");
    String help = CommandRun.of("", "infer", "--help").out();
    assertTrue(help.contains("CLI_ANALYTICS_URL"), help);
    assertTrue(help.contains("now " + url), help);
    assertTrue(help.contains("CLI_ANALYTICS_TOKEN"), help);
    String nsm = CommandRun.of("", "nsm", "upload", "--help").out();
    assertTrue(nsm.contains("NSM_COMMAND") && nsm.contains("EVENTS_URL"), nsm);
    assertTrue(nsm.contains("EVENTS_TOKEN"), nsm);
  }

  @Test
  void help_neverShowsATokenValue() {
    String token = System.getenv("CLI_ANALYTICS_TOKEN");
    String help = CommandRun.of("", "post-events", "--help").out();
    assertFalse(token != null && !token.isBlank() && help.contains(token), "token in --help");
    assertFalse(help.contains("${"), help);
  }
}
