package dev.clianalytics.server.storage.duckdb;

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
