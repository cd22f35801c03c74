package dev.clianalytics.server.storage;

import java.util.Objects;

/**
 * The storage behind a readiness gate: migrations must have been applied before anything else
 * touches the database. A server started while the database is down keeps serving (503s) and
 * migrates as soon as the database answers, so it recovers without a restart.
 */
public final class Database implements AutoCloseable {
  private final Storage storage;
  private volatile boolean migrated;

  public Database(Storage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
  }

  /** The storage, after making sure migrations are applied. */
  public Storage ready() {
    if (!migrated) {
      migrate();
    }
    return storage;
  }

  /** Applies migrations if not yet done; any failure reads as the database being unavailable. */
  public synchronized void migrate() {
    if (migrated) {
      return;
    }
    try {
      storage.migrate();
    } catch (StorageUnavailableException | SchemaTooNewException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StorageUnavailableException("migrations could not be applied", e);
    }
    migrated = true;
  }

  /** True when migrations are applied and the database answers now. */
  public boolean healthy() {
    try {
      ready().ping();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Cancels the statement the running inference waits on, if any ({@link
   * InferenceStore#cancelRunning}); never migrates or waits for the database.
   */
  public void cancelInference() {
    if (migrated) {
      storage.inference().cancelRunning();
    }
  }

  /** Connection pool figures; never touches the database. */
  public Storage.PoolStats poolStats() {
    return storage.poolStats();
  }

  @Override
  public void close() {
    storage.close();
  }
}
