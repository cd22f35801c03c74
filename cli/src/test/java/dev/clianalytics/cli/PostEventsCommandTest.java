package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.FakeServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostEventsCommandTest {
  @TempDir Path dir;

  private static String event(int i) {
    return "{\"timestamp\":\"2026-01-01T00:00:0"
        + (i % 10)
        + "Z\",\"tool_name\":\"git\",\"command_path\":[\"git\",\"status\"],\"exit_code\":0,\"actor_id\":\"a"
        + i
        + "\"}";
  }

  private static FakeServer acceptingServer() throws IOException {
    return new FakeServer(
        r -> {
          int n = (int) r.body().lines().count();
          return FakeServer.Reply.json("{\"accepted\":" + n + ",\"duplicates\":0,\"rejected\":[]}");
        });
  }

  @Test
  void postEvents_jsonLines_areSentInBatchesAsNdjson() throws IOException {
    Path file = dir.resolve("events.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      lines.append(event(i)).append("\n\n");
    }
    Files.writeString(file, lines);
    try (FakeServer server = acceptingServer()) {
      CommandRun run =
          CommandRun.of(
              "", "post-events", file.toString(), "--url", server.url(), "--batch-size", "10");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(3, server.requests().size());
      assertEquals("application/x-ndjson", server.requests().get(0).contentType());
      assertEquals("/ingest", server.requests().get(0).path());
      assertTrue(
          run.out().contains("sent 25 events: 25 accepted, 0 duplicates, 0 rejected"), run.out());
    }
  }

  @Test
  void postEvents_gzippedJsonArray_isReadAndSent() throws IOException {
    Path file = dir.resolve("events.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(("[" + event(1) + ",\n" + event(2) + "]").getBytes(StandardCharsets.UTF_8));
    }
    try (FakeServer server = acceptingServer()) {
      CommandRun run = CommandRun.of("", "post-events", file.toString(), "--url", server.url());
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(2, server.requests().get(0).body().lines().count());
    }
  }

  @Test
  void postEvents_serviceUnavailable_retriesAfterTheAdvertisedDelay() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, event(1) + "\n");
    AtomicInteger calls = new AtomicInteger();
    try (FakeServer server =
        new FakeServer(
            r ->
                calls.incrementAndGet() < 3
                    ? new FakeServer.Reply(503, "{\"title\":\"database unavailable\"}", "0")
                    : FakeServer.Reply.json("{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}"))) {
      CommandRun run = CommandRun.of("", "post-events", file.toString(), "--url", server.url());
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(3, server.requests().size());
    }
  }

  @Test
  void postEvents_rateLimitedOnEveryTry_stopsWithTheServersReason() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, event(1) + "\n");
    String problem =
        "{\"title\":\"Too many requests\",\"status\":429,\"detail\":\"too many requests from"
            + " this token (over 2 per second, RATE_LIMIT_PER_TOKEN); retry after 1 s\"}";
    try (FakeServer server = new FakeServer(r -> new FakeServer.Reply(429, problem, "0"))) {
      CommandRun run = CommandRun.of("", "post-events", file.toString(), "--url", server.url());
      assertEquals(1, run.exitCode());
      assertEquals(8, server.requests().size(), "tries 8 times before giving up");
      assertTrue(
          run.err()
              .contains(
                  "the server refused a batch after 0 events: HTTP 429: too many requests from"
                      + " this token (over 2 per second, RATE_LIMIT_PER_TOKEN)"),
          run.err());
    }
  }

  @Test
  void postEvents_rejections_areReportedWithTheirIndexInTheFile() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, event(0) + "\n" + event(1) + "\n" + event(2) + "\n");
    try (FakeServer server =
        new FakeServer(
            r ->
                FakeServer.Reply.json(
                    "{\"accepted\":0,\"duplicates\":0,\"rejected\":[{\"index\":0,\"errors\":[{\"field\":\"exit_code\",\"message\":\"is required\"}]}]}"))) {
      CommandRun run =
          CommandRun.of(
              "", "post-events", file.toString(), "--url", server.url(), "--batch-size", "2");
      assertEquals(1, run.exitCode());
      assertTrue(run.out().contains("2 rejected"), run.out());
      assertTrue(run.out().contains("rejected event 2: [{\"field\":\"exit_code\""), run.out());
    }
  }

  @Test
  void postEvents_tokenIsSentAsBearer() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, event(0) + "\n");
    try (FakeServer server = acceptingServer()) {
      CommandRun.of("", "post-events", file.toString(), "--url", server.url(), "--token", "t0k3n");
      assertEquals("Bearer t0k3n", server.requests().get(0).authorization());
    }
  }

  @Test
  void postEvents_unauthorized_failsWithTheProblemDetail() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, event(0) + "\n");
    try (FakeServer server =
        new FakeServer(
            r ->
                new FakeServer.Reply(
                    401,
                    "{\"title\":\"Unauthorized\",\"detail\":\"a token is required\"}",
                    null))) {
      CommandRun run = CommandRun.of("", "post-events", file.toString(), "--url", server.url());
      assertEquals(1, run.exitCode());
      assertTrue(run.err().contains("HTTP 401: a token is required"), run.err());
      assertTrue(!run.err().contains("\tat "), "no stack trace");
    }
  }

  @Test
  void postEvents_missingFile_failsWithOneLine() {
    CommandRun run =
        CommandRun.of(
            "", "post-events", dir.resolve("nope.jsonl").toString(), "--url", "http://127.0.0.1:9");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("error: no such file: "), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }
}
