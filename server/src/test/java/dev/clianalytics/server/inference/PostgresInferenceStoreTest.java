package dev.clianalytics.server.inference;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** The inference store contract on PostgreSQL ({@code TEST_DATABASE_URL}), a schema per test. */
class PostgresInferenceStoreTest extends InferenceStoreContract {
  private TestPostgres pg;

  @Override
  protected Storage openStorage() {
    pg = TestPostgres.create(PostgresInferenceStoreTest.class);
    Storage storage = Storages.open(pg.databaseUrl(), Path.of("."));
    storage.migrate();
    return storage;
  }

  @AfterEach
  void drop() {
    if (pg != null) {
      pg.close();
    }
  }
}
