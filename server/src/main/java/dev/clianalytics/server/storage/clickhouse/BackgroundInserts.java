package dev.clianalytics.server.storage.clickhouse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The derived-row inserts of one inference, sent by a thread of their own so that analysis goes on
 * while ClickHouse stores the previous few megabytes. At most {@link #MAX_PENDING} bodies wait (a
 * few megabytes each, so memory stays bounded); the first failed insert is rethrown by the next
 * {@link #insert} or by {@link #drain}. Inserts of one table keep their order.
 */
final class BackgroundInserts implements GenRows.Inserts, AutoCloseable {
  static final int MAX_PENDING = 2;

  private final GenRows.Inserts target;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("inference-insert").factory());
  private final Deque<Future<?>> pending = new ArrayDeque<>();

  /** Sends each body to {@code target} ({@link ClickHouseSql#insertRows}) on its own thread. */
  BackgroundInserts(GenRows.Inserts target) {
    this.target = target;
  }

  @Override
  public void insert(String table, List<String> columns, byte[] body) {
    while (pending.size() >= MAX_PENDING) {
      await(pending.removeFirst());
    }
    pending.addLast(thread.submit(() -> target.insert(table, columns, body)));
  }

  /** Waits until every insert handed over so far is stored, rethrowing the first failure. */
  void drain() {
    while (!pending.isEmpty()) {
      await(pending.removeFirst());
    }
  }

  /** Stops the thread; inserts not yet sent are dropped (the inference is not committed then). */
  @Override
  public void close() {
    thread.shutdownNow();
    pending.clear();
    try {
      thread.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(Future<?> insert) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          insert.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the insert must be known stored (or failed) before going on
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("inserting derived rows failed: " + e.getCause(), e);
    } catch (CancellationException e) {
      throw new IllegalStateException("inserting derived rows was cancelled", e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
