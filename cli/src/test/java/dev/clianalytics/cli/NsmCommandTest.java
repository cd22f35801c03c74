package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.FakeServer;
import dev.clianalytics.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NsmCommandTest {
  @TempDir Path dir;

  private static String event(String actor, String day, int exit, boolean ci) {
    return "{\"event_id\":\""
        + java.util.UUID.randomUUID()
        + "\",\"timestamp\":\""
        + day
        + "T10:00:00Z\",\"tool_name\":\"ai-do\",\"command_path\":[\"ai-do\",\"run\"],\"exit_code\":"
        + exit
        + ",\"actor_id\":\""
        + actor
        + "\",\"ci_detected\":"
        + ci
        + "}";
  }

  private Path events() throws IOException {
    // 2026-01-05 is a Monday of ISO week 2026-W02; 2026-01-12 starts 2026-W03.
    String lines =
        String.join(
            "\n",
            event("alice@example.com", "2026-01-05", 0, false),
            event("alice@example.com", "2026-01-06", 0, false),
            event("bob", "2026-01-07", 1, false),
            event("ci-bot", "2026-01-07", 0, true),
            event("bob", "2026-01-12", 0, false));
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, lines + "\n");
    return file;
  }

  @SuppressWarnings("unchecked") // JSON objects are Map<String, Object>
  private static Map<String, Object> json(String out) {
    return (Map<String, Object>) Json.parse(out.strip());
  }

  @Test
  void aggregate_countsSuccessfulRunsPerActiveDeveloperPerIsoWeek() throws IOException {
    CommandRun run = CommandRun.of("", "nsm", "aggregate", events().toString());
    assertEquals(0, run.exitCode(), run.err());
    Map<String, Object> doc = json(run.out());
    assertEquals("ai-do", doc.get("command"));
    List<?> weeks = (List<?>) doc.get("weeks");
    assertEquals(
        Map.of(
            "week",
            "2026-W02",
            "active_developers",
            2L,
            "successful_runs",
            2L,
            "per_active_developer",
            1L),
        weeks.get(0));
    assertEquals(
        Map.of(
            "week",
            "2026-W03",
            "active_developers",
            1L,
            "successful_runs",
            1L,
            "per_active_developer",
            1L),
        weeks.get(1));
  }

  @Test
  void aggregate_includeCi_countsTheCiRunner() throws IOException {
    Map<String, Object> doc =
        json(CommandRun.of("", "nsm", "aggregate", events().toString(), "--include-ci").out());
    Map<?, ?> first = (Map<?, ?>) ((List<?>) doc.get("weeks")).get(0);
    assertEquals(3L, first.get("active_developers"));
    assertEquals(3L, first.get("successful_runs"));
  }

  @Test
  void aggregate_neverPrintsRawActorIds() throws IOException {
    String out = CommandRun.of("", "nsm", "aggregate", events().toString()).out();
    assertFalse(out.contains("alice"), out);
    assertFalse(out.contains("bob"), out);
    assertTrue(out.matches("(?s).*\"developer\":\"[0-9a-f]{64}\".*"), out);
  }

  @Test
  void aggregate_readsPostgrestRowsFromAUrlAndSkipsDocuments() throws IOException {
    String rows =
        "[{\"id\":\"1\",\"payload\":"
            + event("carol", "2026-01-05", 0, false)
            + "},{\"id\":\"2\",\"payload\":{\"type\":\"nsm_weekly_totals\"}}]";
    try (FakeServer server = new FakeServer(r -> FakeServer.Reply.json(rows))) {
      CommandRun run = CommandRun.of("", "nsm", "aggregate", server.url() + "/rest/v1/events");
      assertEquals(0, run.exitCode(), run.err());
      Map<?, ?> week = (Map<?, ?>) ((List<?>) json(run.out()).get("weeks")).get(0);
      assertEquals(1L, week.get("successful_runs"));
      assertTrue(run.err().contains("skipped 1 rows"), run.err());
    }
  }

  @Test
  void upload_postgrestUrl_postsOneWrappedDocument() throws IOException {
    try (FakeServer server = new FakeServer(r -> new FakeServer.Reply(201, "", null))) {
      CommandRun run =
          CommandRun.of(
              "",
              "nsm",
              "upload",
              events().toString(),
              "--events-url",
              server.url() + "/rest/v1/events");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(1, server.requests().size());
      Map<String, Object> body = json(server.requests().get(0).body());
      assertEquals("nsm_weekly_totals", ((Map<?, ?>) body.get("payload")).get("type"));
    }
  }

  @Test
  void upload_refusedByTheServer_exitsOneWithTheStatus() throws IOException {
    try (FakeServer server = new FakeServer(r -> new FakeServer.Reply(401, "{}", null))) {
      CommandRun run =
          CommandRun.of(
              "",
              "nsm",
              "upload",
              events().toString(),
              "--events-url",
              server.url() + "/rest/v1/events");
      assertEquals(1, run.exitCode());
      assertTrue(run.err().contains("HTTP 401"), run.err());
    }
  }

  @Test
  void nsm_withoutAction_isAUsageError() {
    assertEquals(2, CommandRun.of("", "nsm").exitCode());
  }

  @Test
  void aggregate_postgrestUrl_readsEveryPageUntilAShortOne() throws IOException {
    StringBuilder full = new StringBuilder("[");
    for (int i = 0; i < EventInput.PAGE_ROWS; i++) {
      full.append(i == 0 ? "" : ",")
          .append("{\"payload\":")
          .append(event("dev" + (i % 7), "2026-01-05", 0, false))
          .append('}');
    }
    String firstPage = full.append(']').toString();
    String lastPage = "[{\"payload\":" + event("dev-last", "2026-01-06", 0, false) + "}]";
    try (FakeServer server =
        new FakeServer(
            r -> FakeServer.Reply.json(r.path().endsWith("offset=0") ? firstPage : lastPage))) {
      CommandRun run = CommandRun.of("", "nsm", "aggregate", server.url() + "/rest/v1/events");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(
          List.of(
              "/rest/v1/events?limit=10000&offset=0", "/rest/v1/events?limit=10000&offset=10000"),
          server.requests().stream().map(FakeServer.Request::path).toList());
      Map<?, ?> week = (Map<?, ?>) ((List<?>) json(run.out()).get("weeks")).get(0);
      assertEquals(10_001L, week.get("successful_runs"));
      assertEquals(8L, week.get("active_developers"));
    }
  }
}
