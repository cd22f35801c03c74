package dev.clianalytics.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.InMemoryStorage;
import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** An event of {@code actor}, {@code ago} before NOW. */
  private static Event of(String actor, Duration ago) {
    Event e = at(NOW.minus(ago));
    return e.withActorAt(actor, e.timestamp());
  }

  /**
   * On a real store: the old actor's events and derived rows go, the recent ones stay, and the
   * generation moves on so cached reports are not answered again.
   */
  private static void dropsOldEventsAndDerivedRows_andMovesTheGeneration(Storage storage) {
    storage.migrate();
    storage.insertEvents(
        List.of(
            of("old", Duration.ofDays(31)),
            of("old", Duration.ofDays(31).minusMinutes(1)),
            of("new", Duration.ofHours(2))),
        NOW);
    Database database = new Database(storage);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    new InferenceService(database, InferenceOptions.defaults(), clock).run(false);
    long before = storage.inference().exclusively(tx -> tx.state()).generation();
    assertEquals(1L, sessionsOf(storage, "old"));

    Retention retention = new Retention(database, 30, clock);
    assertEquals(2, retention.runOnce());
    retention.close();

    assertEquals(1, storage.countEvents());
    assertEquals(0L, sessionsOf(storage, "old"));
    assertEquals(1L, sessionsOf(storage, "new"));
    assertTrue(storage.inference().exclusively(tx -> tx.state()).generation() > before);
  }

  private static long sessionsOf(Storage storage, String actor) {
    return storage
        .inference()
        .read(
            c ->
                c.list(
                        "SELECT count(*) FROM sessions WHERE actor_id = ?",
                        List.of(actor),
                        rs -> rs.getLong(1))
                    .getFirst());
  }

  @Test
  void runOnce_onTheEmbeddedDatabase(@TempDir Path dir) {
    try (Storage storage = Storages.open(null, dir)) {
      dropsOldEventsAndDerivedRows_andMovesTheGeneration(storage);
    }
  }

  @Test
  void runOnce_onPostgres(@TempDir Path dir) {
    try (TestPostgres pg = TestPostgres.create(RetentionTest.class);
        Storage storage = Storages.open(pg.databaseUrl(), dir)) {
      dropsOldEventsAndDerivedRows_andMovesTheGeneration(storage);
    }
  }

  @Test
  void runOnce_onClickHouse(@TempDir Path dir) {
    try (TestClickHouse ch = TestClickHouse.create(RetentionTest.class);
        Storage storage = Storages.open(ch.databaseUrl(), dir)) {
      dropsOldEventsAndDerivedRows_andMovesTheGeneration(storage);
    }
  }
}
