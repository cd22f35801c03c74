package dev.clianalytics.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.ops.Retention;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached report is rendered again after anything that changes the derived tables. */
class ReportCacheTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final ReportCache.Key KEY =
      new ReportCache.Key("summary", ReportFilter.NONE, List.of());

  private final AtomicInteger renders = new AtomicInteger();
  private final ReportCache cache = new ReportCache();

  private void read(Storage storage) {
    storage
        .inference()
        .read(
            c ->
                cache.get(
                    c,
                    KEY,
                    conn ->
                        new ReportCache.Answer(
                            "text/plain", "render " + renders.incrementAndGet())));
  }

  @Test
  void retention_and_erasure_makeTheNextReadRenderAgain(@TempDir Path dir) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    try (Storage storage = Storages.open(null, dir)) {
      storage.migrate();
      storage.insertEvents(
          List.of(
              Ev.at(NOW.minus(Duration.ofDays(40))).actor("old").build(),
              Ev.at(NOW.minus(Duration.ofHours(2))).actor("new").build(),
              Ev.at(NOW.minus(Duration.ofHours(1))).actor("gone").build()),
          NOW);
      Database database = new Database(storage);
      new InferenceService(database, InferenceOptions.defaults(), clock).run(false);

      read(storage);
      read(storage);
      assertEquals(1, renders.get(), "unchanged tables: the second read is the cached answer");

      Retention retention = new Retention(database, 30, clock);
      assertEquals(1, retention.runOnce());
      retention.close();
      read(storage);
      assertEquals(2, renders.get(), "after retention the report is rendered again");

      storage.deleteActor("gone");
      read(storage);
      assertEquals(3, renders.get(), "after an erasure the report is rendered again");
      read(storage);
      assertEquals(3, renders.get());
    }
  }
}
