package dev.clianalytics.server.api;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import java.nio.file.Path;

/** The API contracts on the embedded DuckDB database. */
class DuckDbApiTest extends ApiFixture
    implements BadInputContract, AuthContract, RestContract, OpsContract {
  @Override
  protected Storage openStorage(Path dataDir) {
    return Storages.open(null, dataDir);
  }

  @Override
  protected String databaseUrl() {
    return null;
  }
}
