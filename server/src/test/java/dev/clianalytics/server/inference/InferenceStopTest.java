package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.StorageUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InferenceService#stop}, which a stopping server calls: the inference running then ends at
 * its next event and commits nothing, and later runs end at once (docs/server.md, Stopping).
 */
class InferenceStopTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  @TempDir Path dir;

  /** A fixed clock that stops {@code service} the first time inference reads it (mid-run). */
  private static final class StoppingClock extends Clock {
    InferenceService service;

    @Override
    public Instant instant() {
      if (service != null) {
        service.stop();
      }
      return NOW;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static List<Event> events(int n) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(
          new Event(
              NOW.minusSeconds(3600 - i * 5L),
              "git",
              "2.0",
              List.of("git", i % 2 == 0 ? "status" : "commit"),
              List.of(),
              0,
              100L,
              null,
              null,
              "actor-" + (i % 3),
              null,
              null,
              false,
              new UUID(7, i)));
    }
    return events;
  }

  @Test
  void stopDuringARun_endsItWithoutCommitting_andLaterRunsEndAtOnce() {
    try (Storage storage = Storages.open(null, dir)) {
      storage.migrate();
      storage.insertEvents(events(200), NOW);
      Database database = new Database(storage);
      StoppingClock clock = new StoppingClock();
      InferenceService stopped = new InferenceService(database, InferenceOptions.defaults(), clock);
      clock.service = stopped;

      StorageUnavailableException e =
          assertThrows(StorageUnavailableException.class, () -> stopped.run(true));
      assertTrue(e.getMessage().contains("stopping"), e.getMessage());
      assertTrue(stopped.stopping());
      assertThrows(StorageUnavailableException.class, () -> stopped.run(false));

      // nothing was committed: a fresh service still finds all 200 events new
      InferenceService fresh =
          new InferenceService(
              database, InferenceOptions.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
      assertEquals(200, fresh.run(false).eventsProcessed());
    }
  }
}
