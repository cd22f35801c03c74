package dev.clianalytics.server.inference;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The inference store contract on embedded DuckDB. */
class DuckDbInferenceStoreTest extends InferenceStoreContract {
  @Override
  protected Storage openStorage() {
    try {
      Storage storage = Storages.open(null, Files.createTempDirectory("infer-store"));
      storage.migrate();
      return storage;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
