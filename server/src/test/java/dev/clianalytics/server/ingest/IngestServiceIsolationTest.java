package dev.clianalytics.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.ops.Metrics;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A privacy rule that fails on one event, with an exception or an {@code Error} such as a stack
 * overflow, costs that event alone: it is rejected by index with a reason, the rest of the batch is
 * stored, and the log gets one line without the event or a stack trace.
 */
class IngestServiceIsolationTest {
  private static final String TRIGGER = "trigger-carol-4711";

  private final Privacy privacy = Privacy.server("isolation-test-salt-0123");

  private UnaryOperator<Event> failingWith(Throwable failure) {
    return e -> {
      if (e.errorMessage() != null && e.errorMessage().contains(TRIGGER)) {
        if (failure instanceof Error error) {
          throw error;
        }
        throw (RuntimeException) failure;
      }
      return privacy.apply(e);
    };
  }

  private static List<Object> batch() {
    Map<String, Object> bad = Ev.recent("bob").json();
    bad.put("error_message", "failed near " + TRIGGER);
    return List.of(Ev.recent("alice").json(), bad, Ev.recent("dave").json());
  }

  private void assertOnlyTheBadEventRejected(Throwable failure) {
    InMemoryStorage storage = new InMemoryStorage();
    IngestService service =
        new IngestService(
            new Database(storage),
            privacy,
            new Metrics(() -> new Storage.PoolStats(0, 0, 0, 0)),
            failingWith(failure));
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    IngestResult result;
    try {
      result = service.ingest(batch(), Instant.now());
    } finally {
      System.setErr(original);
    }
    assertEquals(2, result.accepted());
    assertEquals(1, result.rejected().size());
    assertEquals(1, result.rejected().get(0).index());
    assertEquals(IngestService.UNPROCESSABLE, result.rejected().get(0).errors().get(0).message());
    assertEquals(2L, storage.countEvents());
    String text = log.toString(StandardCharsets.UTF_8);
    assertEquals(
        1, text.lines().filter(l -> l.contains("privacy rules failed")).count(), "log: " + text);
    assertEquals(1, text.lines().count(), "one line, no stack trace: " + text);
    assertFalse(text.contains(TRIGGER), text);
  }

  @Test
  void stackOverflowInARule_costsOnlyThatEvent() {
    assertOnlyTheBadEventRejected(new StackOverflowError());
  }

  @Test
  void runtimeExceptionInARule_costsOnlyThatEvent() {
    assertOnlyTheBadEventRejected(new IllegalStateException("rule failed on " + TRIGGER));
  }

  @Test
  void outOfMemory_isNotTakenForTheEventsFault() {
    IngestService service =
        new IngestService(
            new Database(new InMemoryStorage()),
            privacy,
            new Metrics(() -> new Storage.PoolStats(0, 0, 0, 0)),
            failingWith(new OutOfMemoryError()));
    assertThrows(OutOfMemoryError.class, () -> service.ingest(batch(), Instant.now()));
  }

  @Test
  void realRules_onNestedAssignments_storeTheEventRedacted() {
    InMemoryStorage storage = new InMemoryStorage();
    IngestService service =
        new IngestService(
            new Database(storage), privacy, new Metrics(() -> new Storage.PoolStats(0, 0, 0, 0)));
    Map<String, Object> hostile = Ev.recent("bob").json();
    hostile.put("error_message", "bad config: " + "name=".repeat(40_000) + "hunter2");
    IngestResult result =
        service.ingest(List.of(Ev.recent("alice").json(), hostile), Instant.now());
    assertEquals(2, result.accepted());
    for (Event stored : result.stored()) {
      assertFalse(String.valueOf(stored.errorMessage()).contains("hunter2"));
    }
  }
}
