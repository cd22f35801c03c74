package dev.clianalytics.server.inference;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestClickHouse;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link IncrementalInferenceProperty} on ClickHouse, where incremental runs record the sessions
 * they replace in {@code derived_gone} and commit by one row: any arrival order still shows exactly
 * one full recomputation's rows through the views.
 */
class ClickHouseIncrementalInferencePropertyTest extends IncrementalInferenceProperty {

  // Fewer tries than on DuckDB: each one migrates a fresh database over HTTP.
  @Property(tries = 15)
  void incrementalOverRandomBatches_equalsFullRecomputation(
      @ForAll("events") List<Event> events,
      @ForAll @IntRange(min = 1, max = 6) int batches,
      @ForAll long seed) {
    try (TestClickHouse ch =
            TestClickHouse.create(ClickHouseIncrementalInferencePropertyTest.class);
        Storage storage = Storages.open(ch.databaseUrl(), Path.of("."))) {
      incrementalEqualsFull(storage, events, batches, seed);
    }
  }
}
