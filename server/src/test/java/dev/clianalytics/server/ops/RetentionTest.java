package dev.clianalytics.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private static Event at(Instant timestamp) {
    return new Event(
        timestamp,
        "git",
        null,
        List.of("git", "push"),
        List.of(),
        0,
        null,
        null,
        null,
        "a".repeat(64),
        null,
        null,
        false,
        UUID.randomUUID());
  }

  @Test
  void runOnce_dropsOnlyEventsOlderThanRetentionDays() {
    InMemoryStorage storage = new InMemoryStorage();
    storage.insertEvents(
        List.of(
            at(NOW.minus(Duration.ofDays(31))),
            at(NOW.minus(Duration.ofDays(29))),
            at(NOW.minus(Duration.ofHours(1)))),
        NOW);
    Retention retention =
        new Retention(new Database(storage), 30, Clock.fixed(NOW, ZoneOffset.UTC));
    assertEquals(1, retention.runOnce());
    assertEquals(2, storage.countEvents());
    retention.close();
  }
}
