package dev.clianalytics.server.api;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import java.nio.file.Path;

/** PostHog's capture API on the embedded DuckDB database. */
class DuckDbPosthogApiTest extends ApiFixture implements PosthogContract {
  @Override
  protected Storage openStorage(Path dataDir) {
    return Storages.open(null, dataDir);
  }

  @Override
  protected String databaseUrl() {
    return null;
  }
}
