package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.Storages;
import dev.clianalytics.server.testing.RequiresPostgres;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * {@link IncrementalInferencePropertyTest} on PostgreSQL ({@code TEST_DATABASE_URL}), where
 * incremental runs delete by session id arrays and subtract path trails, and a full run writes new
 * tables and swaps them in: any arrival order still leaves exactly one full recomputation's tables.
 */
@AddLifecycleHook(RequiresPostgres.class)
class PostgresIncrementalInferencePropertyTest {
  private static final Instant BASE = Instant.parse("2026-03-02T08:00:00Z");

  // Fewer tries than on DuckDB: each one migrates a fresh schema.
  @Property(tries = 15)
  void incrementalOverRandomBatches_equalsFullRecomputation(
      @ForAll("events") List<Event> events,
      @ForAll @IntRange(min = 1, max = 6) int batches,
      @ForAll long seed) {
    Instant now = BASE.plusSeconds(20 * 3600);
    try (TestPostgres pg = TestPostgres.create(PostgresIncrementalInferencePropertyTest.class);
        Storage storage = Storages.open(pg.databaseUrl(), Path.of("."))) {
      storage.migrate();
      InferenceService service =
          new InferenceService(
              new Database(storage), InferenceOptions.defaults(), Clock.fixed(now, ZoneOffset.UTC));
      for (List<Event> batch :
          IncrementalInferencePropertyTest.arrivals(events, batches, new Random(seed))) {
        storage.insertEvents(batch, now);
        service.run(false);
      }
      var incremental = DerivedSnapshot.of(storage);
      service.run(true);
      assertEquals(DerivedSnapshot.of(storage), incremental);
    }
  }

  @Provide
  Arbitrary<List<Event>> events() {
    return IncrementalInferencePropertyTest.eventLists();
  }
}
