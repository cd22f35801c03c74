package dev.clianalytics.server.storage.postgres;

import dev.clianalytics.server.storage.derived.RowWriter;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the COPYs of one inference one after another on a background thread. The connection is never
 * used by two threads at once: the inference calls {@link #sync()} before its own next statement on
 * it, and {@link #close()} waits for the last COPY before the transaction ends.
 */
final class PostgresCopyPipe implements RowWriter.Factory, AutoCloseable {
  /** Buffers of rows (up to about a megabyte each) waiting or being sent. */
  static final int MAX_QUEUED = 4;

  private static final Logger LOG = LoggerFactory.getLogger(PostgresCopyPipe.class);

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().daemon().name("inference-copy").unstarted(r));
  private final Semaphore room = new Semaphore(MAX_QUEUED);
  private final AtomicLong busyNanos = new AtomicLong();
  private long waitedNanos;
  private Future<?> last;

  @FunctionalInterface
  interface Copy {
    void run() throws SQLException;
  }

  @Override
  public RowWriter open(java.sql.Connection c, String table, String columns) throws SQLException {
    return new PostgresRowWriter(this, c, table, columns, false);
  }

  /** Rows copied into a table created in this transaction are written frozen (COPY FREEZE). */
  @Override
  public RowWriter openFresh(java.sql.Connection c, String table, String columns)
      throws SQLException {
    return new PostgresRowWriter(this, c, table, columns, true);
  }

  @Override
  public void later(java.sql.Connection c, String sql) {
    queue(
        () -> {
          long t = System.nanoTime();
          try (java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
          }
          LOG.debug("{} ms: {}", (System.nanoTime() - t) / 1_000_000, sql);
        },
        false);
  }

  /**
   * Queues a buffer's COPY, first waiting while {@link #MAX_QUEUED} are already queued: when the
   * database stores rows more slowly than inference makes them, inference waits instead of
   * buffering without bound.
   */
  void submit(Copy copy) throws SQLException {
    long t0 = System.nanoTime();
    try {
      room.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting to COPY", "57014", e);
    }
    waitedNanos += System.nanoTime() - t0;
    queue(copy, true);
  }

  private void queue(Copy copy, boolean holdsRoom) {
    last =
        thread.submit(
            () -> {
              long t = System.nanoTime();
              try {
                copy.run();
              } finally {
                busyNanos.addAndGet(System.nanoTime() - t);
                if (holdsRoom) {
                  room.release();
                }
              }
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
    // Where a slow inference waits: on the database (busy) or for room to queue more rows.
    LOG.debug(
        "COPY thread busy {} ms; inference waited {} ms for it",
        busyNanos.get() / 1_000_000,
        waitedNanos / 1_000_000);
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
