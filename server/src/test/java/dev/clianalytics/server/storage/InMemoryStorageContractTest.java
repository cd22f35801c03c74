package dev.clianalytics.server.storage;

import dev.clianalytics.server.testing.InMemoryStorage;

/** The fake the API tests use keeps the storage contract too, so what they show holds. */
class InMemoryStorageContractTest extends StorageContractTest {

  @Override
  protected Storage newStorage() {
    return new InMemoryStorage();
  }
}
