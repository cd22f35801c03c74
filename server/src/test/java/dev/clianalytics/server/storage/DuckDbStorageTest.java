package dev.clianalytics.server.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStorageTest extends StorageContractTest {
  @TempDir Path dataDir;

  @Override
  Storage newStorage() {
    return Storages.open(null, dataDir);
  }
}
