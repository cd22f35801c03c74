package dev.clianalytics.server.report;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * On a database whose locale sorts text otherwise than by code point (ICU's {@code en-US}: {@code
 * "ai-do"} before {@code "Mytool"}, {@code "e1"} before {@code "E1"}), so ties must sort alike.
 */
class KeptRowsPostgresTest extends KeptRowsContract {
  private TestDatabase db;

  @Override
  protected Storage openStorage() {
    db =
        TestDatabase.create(
            KeptRowsPostgresTest.class,
            "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
    Storage storage = Storages.open(db.url(), Path.of("."));
    storage.migrate();
    return storage;
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }
}
