package dev.clianalytics.server.inference;

import dev.clianalytics.core.session.Session;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands sessions from the thread that reads and sessionizes events to a second thread that analyzes
 * and writes them, so a full inference keeps two cores busy. At most {@link #MAX_QUEUED_EVENTS}
 * events wait in between (a larger session waits alone), so memory stays bounded by the largest
 * session. Other work for the second thread ({@link #run}) runs in order with the sessions. The
 * first failure of the second thread ends the run: {@link #accept}, {@link #run} and {@link
 * #finish} rethrow it.
 */
final class SessionPipeline implements AutoCloseable {
  static final int MAX_QUEUED_EVENTS = 20_000;

  /** A session to analyze, or a task when {@code session} is null. */
  private record Item(Session session, Runnable task) {}

  private static final Item END = new Item(null, null);

  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Semaphore room = new Semaphore(MAX_QUEUED_EVENTS);
  private final Thread worker;
  private volatile Throwable failure;

  /** Starts the second thread, which runs {@code work} for each session in order. */
  SessionPipeline(Consumer<Session> work) {
    worker = Thread.ofPlatform().daemon().name("inference-analyze").start(() -> consume(work));
  }

  private static int permits(Session s) {
    return s == null ? 0 : Math.min(s.events().size(), MAX_QUEUED_EVENTS);
  }

  private void consume(Consumer<Session> work) {
    try {
      for (Item item = queue.take(); item != END; item = queue.take()) {
        if (item.session() == null) {
          item.task().run();
        } else {
          work.accept(item.session());
          room.release(permits(item.session()));
        }
      }
    } catch (InterruptedException e) {
      failure = e;
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  /** Queues a session, waiting while too many events are queued. */
  void accept(Session session) {
    int permits = permits(session);
    try {
      while (!room.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
        rethrowFailure();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing over a session", e);
    }
    rethrowFailure();
    queue.add(new Item(session, null));
  }

  /** Queues {@code task} to run on the second thread after the sessions queued before it. */
  void run(Runnable task) {
    rethrowFailure();
    queue.add(new Item(null, task));
  }

  /** Waits until every queued session is written, rethrowing the second thread's failure. */
  void finish() {
    queue.add(END);
    join();
    rethrowFailure();
  }

  /** Stops the second thread after its current session (a no-op after {@link #finish}). */
  @Override
  public void close() {
    if (worker.isAlive()) {
      queue.clear();
      queue.add(END);
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
