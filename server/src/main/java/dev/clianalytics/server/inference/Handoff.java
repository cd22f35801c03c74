package dev.clianalytics.server.inference;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Hands items from one thread to a second one that works on them in order, so the stages of a full
 * inference (read and sessionize, analyze, write) run on cores of their own. At most {@link
 * #MAX_QUEUED_EVENTS} events' worth of items wait in between (a larger item waits alone), so memory
 * stays bounded by the largest session. Other work for the second thread ({@link #run}) runs in
 * order with the items. The first failure of the second thread ends the run: {@link #accept},
 * {@link #run} and {@link #finish} rethrow it.
 */
final class Handoff<T> implements AutoCloseable {
  static final int MAX_QUEUED_EVENTS = 20_000;

  /** An item to work on, or a task when {@code item} is null. */
  private record Entry<T>(T item, Runnable task) {}

  private final Entry<T> end = new Entry<>(null, null);
  private final BlockingQueue<Entry<T>> queue = new LinkedBlockingQueue<>();
  private final Semaphore room = new Semaphore(MAX_QUEUED_EVENTS);
  private final ToIntFunction<T> events;
  private final Thread worker;
  private volatile Throwable failure;

  /**
   * Starts the second thread, named {@code name}, which runs {@code work} for each item in order;
   * {@code events} tells how many events an item holds.
   */
  Handoff(String name, ToIntFunction<T> events, Consumer<T> work) {
    this.events = events;
    worker = Thread.ofPlatform().daemon().name(name).start(() -> consume(work));
  }

  private int permits(T item) {
    return item == null ? 0 : Math.min(events.applyAsInt(item), MAX_QUEUED_EVENTS);
  }

  private void consume(Consumer<T> work) {
    try {
      for (Entry<T> entry = queue.take(); entry != end; entry = queue.take()) {
        if (entry.item() == null) {
          entry.task().run();
        } else {
          work.accept(entry.item());
          room.release(permits(entry.item()));
        }
      }
    } catch (InterruptedException e) {
      failure = e;
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  /** Queues an item, waiting while too many events are queued. */
  void accept(T item) {
    int permits = permits(item);
    try {
      while (!room.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
        rethrowFailure();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing over work", e);
    }
    rethrowFailure();
    queue.add(new Entry<>(item, null));
  }

  /** Queues {@code task} to run on the second thread after the items queued before it. */
  void run(Runnable task) {
    rethrowFailure();
    queue.add(new Entry<>(null, task));
  }

  /** Waits until every queued item is done, rethrowing the second thread's failure. */
  void finish() {
    queue.add(end);
    join();
    rethrowFailure();
  }

  /** Stops the second thread after its current item (a no-op after {@link #finish}). */
  @Override
  public void close() {
    if (worker.isAlive()) {
      queue.clear();
      queue.add(end);
      join();
    }
  }

  private void join() {
    boolean interrupted = false;
    while (true) {
      try {
        worker.join();
        break;
      } catch (InterruptedException e) {
        // the second thread must be done with the connection before the transaction ends
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrowFailure() {
    Throwable t = failure;
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException("inference thread stopped: " + t, t);
    }
  }
}
