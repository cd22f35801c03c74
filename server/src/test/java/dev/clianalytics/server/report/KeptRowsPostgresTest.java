package dev.clianalytics.server.report;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

class KeptRowsPostgresTest extends KeptRowsContract {
  private TestPostgres pg;

  @Override
  protected Storage openStorage() {
    pg = TestPostgres.create(KeptRowsPostgresTest.class);
    Storage storage = Storages.open(pg.databaseUrl(), Path.of("."));
    storage.migrate();
    return storage;
  }

  @AfterAll
  void dropSchema() {
    if (pg != null) {
      pg.close();
    }
  }
}
