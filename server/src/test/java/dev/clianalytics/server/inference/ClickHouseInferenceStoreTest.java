package dev.clianalytics.server.inference;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestClickHouse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** The inference store contract on ClickHouse (the server the tests start; see TestClickHouse). */
class ClickHouseInferenceStoreTest extends InferenceStoreContract {
  private TestClickHouse ch;

  @Override
  protected Storage openStorage() {
    ch = TestClickHouse.create(ClickHouseInferenceStoreTest.class);
    Storage storage = Storages.open(ch.databaseUrl(), Path.of("unused-by-clickhouse"));
    storage.migrate();
    return storage;
  }

  @AfterEach
  void dropDatabase() {
    if (ch != null) {
      ch.close();
    }
  }
}
