package dev.clianalytics.server.api;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;

/** PostHog's capture API on PostgreSQL ({@code TEST_DATABASE_URL}), in a schema of its own. */
class PostgresPosthogApiTest extends ApiFixture implements PosthogContract {
  private TestPostgres pg;

  @Override
  protected Storage openStorage(Path dataDir) {
    return Storages.open(databaseUrl(), dataDir);
  }

  @Override
  protected String databaseUrl() {
    if (pg == null) {
      pg = TestPostgres.create(PostgresPosthogApiTest.class);
    }
    return pg.databaseUrl();
  }

  @Override
  protected void afterServerStopped() {
    if (pg != null) {
      pg.close();
    }
  }
}
