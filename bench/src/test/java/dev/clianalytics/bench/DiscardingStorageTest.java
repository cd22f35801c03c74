package dev.clianalytics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --discard}: every batch acknowledged, nothing kept, only on the embedded database.
 */
class DiscardingStorageTest {
  @TempDir Path dir;

  @Test
  void acceptsEveryEventOfABatch_andKeepsNone() {
    try (Storage embedded = Storages.open(null, dir)) {
      embedded.migrate();
      Storage discarding = new DiscardingStorage(embedded);
      List<Event> batch = List.of(Ev.recent("a").build(), Ev.recent("b").build());

      Storage.BatchResult r = discarding.insertBatch(batch, List.of(Map.of("k", 1)), Instant.now());

      assertEquals(2, r.accepted());
      assertEquals(0, r.duplicates());
      assertEquals(1, r.documentIds().size());
      assertEquals(2, discarding.insertEvents(batch, Instant.now()).accepted());
      assertEquals(0, discarding.countEvents());
      assertEquals(0, embedded.lastSeq());
    }
  }

  @Test
  void discardOption_isForTheEmbeddedDatabaseOnly() {
    assertTrue(IngestBench.Options.parse(new String[] {"--discard"}).discard());
    assertFalse(IngestBench.Options.parse(new String[] {}).discard());
    assertEquals(
        "--discard runs on the embedded database only",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    IngestBench.Options.parse(
                        new String[] {"--discard", "--database-url", "postgresql://h/db"}))
            .getMessage());
  }
}
