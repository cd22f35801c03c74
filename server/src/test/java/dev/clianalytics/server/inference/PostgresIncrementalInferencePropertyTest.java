package dev.clianalytics.server.inference;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.RequiresPostgres;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * {@link IncrementalInferenceProperty} on PostgreSQL ({@code TEST_DATABASE_URL}), where incremental
 * runs delete by session id arrays and subtract path trails, and a full run writes new tables and
 * swaps them in: any arrival order still leaves exactly one full recomputation's tables.
 */
@AddLifecycleHook(RequiresPostgres.class)
class PostgresIncrementalInferencePropertyTest extends IncrementalInferenceProperty {

  // Fewer tries than on DuckDB: each one migrates a fresh schema.
  @Property(tries = 15)
  void incrementalOverRandomBatches_equalsFullRecomputation(
      @ForAll("events") List<Event> events,
      @ForAll @IntRange(min = 1, max = 6) int batches,
      @ForAll long seed) {
    try (TestPostgres pg = TestPostgres.create(PostgresIncrementalInferencePropertyTest.class);
        Storage storage = Storages.open(pg.databaseUrl(), Path.of("."))) {
      incrementalEqualsFull(storage, events, batches, seed);
    }
  }
}
