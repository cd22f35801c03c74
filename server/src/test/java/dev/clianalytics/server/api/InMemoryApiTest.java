package dev.clianalytics.server.api;

import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.nio.file.Path;

/** The API contracts over the in-memory fake: fast feedback while developing. */
class InMemoryApiTest extends ApiFixture
    implements BadInputContract, AuthContract, RestContract, OpsContract {
  @Override
  protected Storage openStorage(Path dataDir) {
    return new InMemoryStorage();
  }

  @Override
  protected String databaseUrl() {
    return null;
  }
}
