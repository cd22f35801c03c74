package dev.clianalytics.server.storage;

import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

class PostgresStorageTest extends StorageContractTest {
  TestPostgres pg;

  @Override
  Storage newStorage() {
    pg = TestPostgres.create(PostgresStorageTest.class);
    return Storages.open(pg.databaseUrl(), Path.of("unused"));
  }

  @AfterEach
  void dropSchema() {
    if (pg != null) {
      pg.close();
    }
  }
}
