package dev.clianalytics.server.report;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

class KeptRowsDuckDbTest extends KeptRowsContract {
  @Override
  protected Storage openStorage() {
    try {
      Storage storage = Storages.open(null, Files.createTempDirectory("kept-rows"));
      storage.migrate();
      return storage;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
