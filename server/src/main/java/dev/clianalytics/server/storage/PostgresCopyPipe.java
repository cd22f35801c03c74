package dev.clianalytics.server.storage;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the COPYs of one inference one after another on a background thread. The connection is never
 * used by two threads at once: the inference calls {@link #sync()} before its own next statement on
 * it, and {@link #close()} waits for the last COPY before the transaction ends.
 */
final class PostgresCopyPipe implements RowWriter.Factory, AutoCloseable {
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("inference-copy").unstarted(r));
  private Future<?> last;

  @FunctionalInterface
  interface Copy {
    void run() throws SQLException;
  }

  @Override
  public RowWriter open(java.sql.Connection c, String table, String columns) throws SQLException {
    return new PostgresRowWriter(this, c, table, columns);
  }

  void submit(Copy copy) {
    last =
        thread.submit(
            () -> {
              copy.run();
              return null;
            });
  }

  @Override
  public void sync() throws SQLException {
    if (last == null) {
      return;
    }
    // A single thread runs tasks in order, and a failed task fails all later ones below.
    try {
      last.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("COPY failed: " + e.getCause(), "XX000", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for COPY", "57014", e);
    } finally {
      last = null;
    }
  }

  /** Waits for what is running, discarding failures (the caller is already failing or done). */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
