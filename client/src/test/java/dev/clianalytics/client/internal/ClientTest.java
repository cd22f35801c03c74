package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CommandRun;
import dev.clianalytics.client.FakeServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClientTest extends ClientTestSupport {
  @Test
  void record_enabled_postsTheSanitizedEventToIngestWithABearerToken() throws Exception {
    runOnce(client(env(server.url("/ingest"))), CommandRun.of(0, "deploy"));
    FakeServer.Request request = server.requests().get(0);
    assertEquals("/ingest", request.path());
    assertEquals("Bearer " + TOKEN, request.header("Authorization"));
    assertNull(request.header("apikey"));
    Map<String, Object> event = server.events().get(0);
    assertEquals("mytool", event.get("tool_name"));
    assertEquals("2.1.0", event.get("tool_version"));
    assertEquals(0L, event.get("exit_code"));
    assertEquals(false, event.get("ci_detected"));
    UUID.fromString((String) event.get("event_id"));
    String installId = Files.readString(home.resolve("config/cli-analytics/install-id")).trim();
    assertEquals(ActorIdTest.hmacHex(installId, "mytool"), event.get("actor_id"));
  }

  @Test
  void record_leavesTheSanitizingToTheSenderThread() {
    Client c = client(env(server.url("/ingest")));
    List<Thread> sanitizedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    Client.rulesForTest =
        e -> {
          sanitizedOn.add(Thread.currentThread());
          return dev.clianalytics.core.privacy.Privacy.client().apply(e);
        };
    try {
      c.record(CommandRun.of(0, "deploy"));
    } finally {
      Client.rulesForTest = null;
    }
    c.close();
    assertEquals(List.of("mytool", "deploy"), server.events().get(0).get("command_path"));
    assertFalse(sanitizedOn.isEmpty(), "the recorded run went through the rules in force");
    assertFalse(
        sanitizedOn.contains(Thread.currentThread()),
        "the privacy rules ran on the caller's thread: " + sanitizedOn);
  }

  @Test
  void primingRun_goesThroughThePathAndFlagRules() {
    Map<?, ?> event =
        (Map<?, ?>)
            dev.clianalytics.core.json.Json.parse(
                client(env(server.url("/ingest"))).sanitized(Client.PRIMING_RUN));
    assertEquals(List.of("mytool", "prime"), event.get("command_path"));
    assertEquals(List.of("--prime"), event.get("flags_present"));
    assertEquals("2.1.0", event.get("tool_version"));
  }

  @Test
  void record_withTheTimeTheRunFinished_stampsTheEventWithIt() {
    Client c = client(env(server.url("/ingest")));
    java.time.Instant finished = java.time.Instant.parse("2026-12-04T08:00:00.123456Z");
    c.record(CommandRun.of(0, "deploy"), finished);
    c.close();
    assertEquals("2026-12-04T08:00:00.123Z", server.events().get(0).get("timestamp"));
  }

  @Test
  void record_twoRuns_giveEachEventAFreshEventId() {
    Client c = client(env(server.url("/ingest")));
    c.record(CommandRun.of(0, "a"));
    c.record(CommandRun.of(1, "b"));
    c.close();
    List<Map<String, Object>> events = server.events();
    assertEquals(2, events.size());
    assertNotEquals(events.get(0).get("event_id"), events.get(1).get("event_id"));
    assertEquals(events.get(0).get("actor_id"), events.get(1).get("actor_id"));
  }

  @Test
  void record_inCi_marksTheEvent() {
    runOnce(client(env(server.url("/ingest"), "GITHUB_ACTIONS", "true")), CommandRun.of(0));
    assertEquals(true, server.events().get(0).get("ci_detected"));
  }

  @Test
  void record_postgrestUrl_wrapsThePayloadAndSendsTheApikey() {
    runOnce(client(env(server.url("/rest/v1/events"))), CommandRun.of(0, "deploy"));
    FakeServer.Request request = server.requests().get(0);
    assertEquals("/rest/v1/events", request.path());
    assertTrue(request.body().startsWith("{\"payload\":{"), request.body());
    assertEquals(TOKEN, request.header("apikey"));
    assertEquals("Bearer " + TOKEN, request.header("Authorization"));
    assertEquals("mytool", server.events().get(0).get("tool_name"));
  }

  @Test
  void record_notOptedIn_sendsNothingAndTouchesNoFiles() {
    Map<String, String> env = env(server.url("/ingest"));
    env.remove("EVENTS_ENABLED");
    runOnce(client(env), CommandRun.of(0, "deploy"));
    assertEquals(List.of(), server.requests());
    assertFalse(Files.exists(home.resolve("config")));
    assertFalse(Files.exists(home.resolve("cache")));
    assertEquals("", stderr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void record_doNotTrack_sendsNothingEvenWithTheFlag() {
    Client c = client(env(server.url("/ingest"), "DO_NOT_TRACK", "1"));
    c.optIn();
    runOnce(c, CommandRun.of(0, "deploy"));
    assertEquals(List.of(), server.requests());
  }

  @Test
  void record_debug_printsTheSanitizedJsonAndSendsNothing() {
    runOnce(client(env(server.url("/ingest"), "EVENTS_DEBUG", "1")), CommandRun.of(3, "deploy"));
    String out = stderr.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("cli-analytics: would send {\"event_id\":"), out);
    assertTrue(out.contains("\"exit_code\":3"), out);
    assertFalse(out.contains(TOKEN), out);
    assertEquals(List.of(), server.requests());
  }

  @Test
  void record_debugWhileOff_printsWhy() {
    Map<String, String> env = env(server.url("/ingest"), "EVENTS_DEBUG", "true");
    env.remove("EVENTS_ENABLED");
    runOnce(client(env), CommandRun.of(0));
    assertEquals(
        "cli-analytics: " + Decision.OFF_BY_DEFAULT.reason() + System.lineSeparator(),
        stderr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void close_afterAPermanentRejection_dropsTheBatchWithoutSpooling() throws IOException {
    server.thenAnswer(400, null);
    runOnce(
        client(env(server.url("/ingest"), "EVENTS_FLUSH_TIMEOUT_MS", "5000")), CommandRun.of(0));
    assertEquals(1, server.requests().size());
    assertEquals(List.of(), spooled(server.url("/ingest")));
  }
}
