package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CommandRun;
import dev.clianalytics.client.FakeServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Delivery when the endpoint misbehaves: stalls, refusals, Retry-After, a full spool. */
class DeliveryTest extends ClientTestSupport {
  @Test
  @Timeout(60) // a close() that ignored the flush timeout would wait for the stalled server forever
  void close_stalledEndpoint_givesUpSpoolsAndTheNextRunDelivers() throws Exception {
    server.stall();
    String url = server.url("/ingest");
    Client first = client(env(url, "EVENTS_FLUSH_TIMEOUT_MS", "300"));
    first.record(CommandRun.of(0, "first"));
    server.awaitEvents(1, Duration.ofSeconds(10));
    // the server never answers while stalled, so close() returning at all means it gave up
    // waiting at the flush timeout (how long that takes is the client benchmark's business)
    first.close();
    Object eventId = server.events().get(0).get("event_id");
    assertEquals(1, server.requests().size(), "one attempt, still unanswered");
    assertTrue(
        Files.readString(spoolFile(url)).contains(eventId.toString()),
        "the unacknowledged event is spooled");

    server.resume();
    Client second = client(env(url));
    second.record(CommandRun.of(0, "second"));
    second.close();
    List<Object> delivered = server.events().stream().map(e -> e.get("event_id")).toList();
    assertTrue(delivered.lastIndexOf(eventId) > 0, "spooled event delivered again: " + delivered);
    assertEquals(List.of(), spooled(url));
  }

  @Test
  void close_refusedEndpoint_spoolsAndTheNextRunDelivers() throws Exception {
    String url = FakeServer.refusedUrl();
    Client first = client(env(url, "EVENTS_FLUSH_TIMEOUT_MS", "300"));
    first.record(CommandRun.of(4, "offline"));
    first.close();
    String spoolText = Files.readString(spoolFile(url));
    assertTrue(spoolText.contains("\"exit_code\":4"), spoolText);
    assertFalse(spoolText.contains(TOKEN));

    try (FakeServer later = new FakeServer(URI.create(url).getPort())) {
      Client second = client(env(url));
      second.close();
      Map<String, Object> event = later.events().get(0);
      assertEquals(4L, event.get("exit_code"));
    }
  }

  @Test
  void record_503WithRetryAfterSeconds_waitsAtLeastThatLongBeforeRetrying() {
    assertRetryAfterHonoured(503, "1");
  }

  @Test
  void record_429WithRetryAfterDate_waitsUntilThatDate() {
    String inTwoSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
    assertRetryAfterHonoured(429, inTwoSeconds);
  }

  private void assertRetryAfterHonoured(int status, String retryAfter) {
    server.thenAnswer(status, retryAfter);
    runOnce(
        client(env(server.url("/ingest"), "EVENTS_FLUSH_TIMEOUT_MS", "10000")),
        CommandRun.of(0, "x"));
    List<FakeServer.Request> requests = server.requests();
    assertEquals(2, requests.size());
    assertEquals(requests.get(0).body(), requests.get(1).body());
    Duration gap = Duration.ofNanos(requests.get(1).atNanos() - requests.get(0).atNanos());
    assertTrue(gap.compareTo(Duration.ofSeconds(1)) >= 0, "retried after only " + gap);
  }

  @Test
  void close_manyUnsentEvents_spoolsOnlyTheNewestWithinTheBound() throws IOException {
    String url = FakeServer.refusedUrl();
    Client c = client(env(url, "EVENTS_FLUSH_TIMEOUT_MS", "0"));
    int total = Spool.MAX_EVENTS + 150;
    for (int i = 0; i < total; i++) {
      c.record(CommandRun.of(i % 256).withDuration(Duration.ofMillis(i)));
    }
    c.close();
    assertTrue(Files.size(spoolFile(url)) <= Spool.MAX_BYTES);
    List<String> kept = spooled(url);
    assertEquals(Spool.MAX_EVENTS, kept.size());
    assertTrue(
        kept.get(kept.size() - 1).contains("\"duration_ms\":" + (total - 1)),
        kept.get(kept.size() - 1));
    assertTrue(kept.get(0).contains("\"duration_ms\":150,"), kept.get(0));
  }

  private java.nio.file.Path spoolFile(String url) {
    return Spool.forDestination(home.resolve("cache/cli-analytics"), URI.create(url)).file();
  }
}
