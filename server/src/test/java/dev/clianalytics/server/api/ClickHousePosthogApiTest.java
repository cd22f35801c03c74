package dev.clianalytics.server.api;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestClickHouse;
import java.nio.file.Path;

/**
 * PostHog's capture API on ClickHouse (the server the tests start; see TestClickHouse), in a
 * database of their own.
 */
class ClickHousePosthogApiTest extends ApiFixture implements PosthogContract {
  private TestClickHouse ch;

  @Override
  protected Storage openStorage(Path dataDir) {
    return Storages.open(databaseUrl(), dataDir);
  }

  @Override
  protected String databaseUrl() {
    if (ch == null) {
      ch = TestClickHouse.create(ClickHousePosthogApiTest.class);
    }
    return ch.databaseUrl();
  }

  @Override
  protected void afterServerStopped() {
    if (ch != null) {
      ch.close();
      ch = null;
    }
  }
}
