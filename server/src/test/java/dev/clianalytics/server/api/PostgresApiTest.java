package dev.clianalytics.server.api;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;

/** The API contracts on PostgreSQL ({@code TEST_DATABASE_URL}), in a schema of their own. */
class PostgresApiTest extends ApiFixture
    implements BadInputContract, AuthContract, RestContract, OpsContract {
  private TestPostgres pg;

  @Override
  protected Storage openStorage(Path dataDir) {
    return Storages.open(databaseUrl(), dataDir);
  }

  @Override
  protected String databaseUrl() {
    if (pg == null) {
      pg = TestPostgres.create(PostgresApiTest.class);
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
