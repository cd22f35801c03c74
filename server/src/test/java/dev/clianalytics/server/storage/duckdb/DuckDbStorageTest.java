package dev.clianalytics.server.storage.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Events;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.StorageUnavailableException;
import dev.clianalytics.server.storage.jdbc.JdbcStorageContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStorageTest extends JdbcStorageContractTest {
  @TempDir Path dataDir;

  @Override
  protected Storage newStorage() {
    return Storages.open(null, dataDir);
  }

  @Test
  void open_blankUrl_usesTheFileInDataDir() {
    assertTrue(Files.exists(dataDir.resolve("cli-analytics.duckdb")));
  }

  @Test
  void groupCommit_keepsEachBatchsReceivedAtAndCountsAnIdForItsFirstBatchOnly() {
    List<Event> first = Events.many(3, "a", 1);
    Event fresh = Events.full("b", Events.T0);
    List<Event> second = List.of(first.get(2), fresh);
    Instant later = RECEIVED.plusSeconds(60);

    int[] accepted =
        ((DuckDbStorage) storage)
            .write(
                c ->
                    DuckDbAppend.insert(
                        c,
                        List.of(
                            new DuckDbAppend.Batch(first, RECEIVED),
                            new DuckDbAppend.Batch(second, later))));

    assertArrayEquals(new int[] {3, 1}, accepted);
    List<Storage.StoredEvent> stored = storage.events(0, 10);
    assertEquals(
        List.of(first.get(0), first.get(1), first.get(2), fresh),
        stored.stream().map(Storage.StoredEvent::event).toList());
    assertEquals(
        List.of(RECEIVED, RECEIVED, RECEIVED, later),
        stored.stream().map(Storage.StoredEvent::receivedAt).toList());
  }

  @Test
  void data_survivesCloseAndReopen() {
    List<Event> batch = Events.many(100, "a", 3);
    storage.insertEvents(batch, RECEIVED);
    storage.insertDocument(Map.of("kind", "nsm"), RECEIVED);
    storage.close();

    storage = Storages.open("  ", dataDir);
    storage.migrate();

    assertEquals(batch, stored());
    assertEquals(101, storage.rows(1_000, 0).size());
  }

  @Test
  void open_missingDataDir_createsIt(@TempDir Path parent) {
    Path nested = parent.resolve("a/b/data");

    try (Storage s = Storages.open(null, nested)) {
      s.migrate();
      assertTrue(Files.isDirectory(nested));
    }
  }

  @Test
  void open_dataDirIsAFile_explainsWhatToDo(@TempDir Path parent) throws IOException {
    Path file = Files.writeString(parent.resolve("not-a-dir"), "x");

    StorageUnavailableException e =
        assertThrows(StorageUnavailableException.class, () -> Storages.open(null, file));

    assertTrue(e.getMessage().contains("DATA_DIR"), e.getMessage());
  }

  @Test
  void open_fileAlreadyOpenByAnotherStorage_isRefusedClearly() {
    StorageUnavailableException e =
        assertThrows(StorageUnavailableException.class, () -> Storages.open(null, dataDir));

    assertTrue(e.getMessage().contains("cli-analytics.duckdb"), e.getMessage());
  }
}
