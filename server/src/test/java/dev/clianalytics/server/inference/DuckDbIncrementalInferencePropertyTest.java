package dev.clianalytics.server.inference;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link IncrementalInferenceProperty} on embedded DuckDB. */
class DuckDbIncrementalInferencePropertyTest extends IncrementalInferenceProperty {

  @Property(tries = 40)
  void incrementalOverRandomBatches_equalsFullRecomputation(
      @ForAll("events") List<Event> events,
      @ForAll @IntRange(min = 1, max = 6) int batches,
      @ForAll long seed)
      throws IOException {
    try (Storage storage = Storages.open(null, Files.createTempDirectory("prop"))) {
      incrementalEqualsFull(storage, events, batches, seed);
    }
  }
}
