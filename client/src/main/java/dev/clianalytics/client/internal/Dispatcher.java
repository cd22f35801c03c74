package dev.clianalytics.client.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends queued events in batches from one daemon thread, retrying with backoff, and at close waits
 * a bounded time before spooling whatever is still unsent. The caller never waits on the network:
 * {@link #enqueue} only takes a lock to add to the queue. A queued event is either its JSON or a
 * {@link Deferred} that makes it, so that the sanitizing happens on the sender's thread, never on
 * the tool's.
 */
final class Dispatcher {
  static final int MAX_BATCH = 100;
  static final int MAX_QUEUE = Spool.MAX_EVENTS;

  private final Transport transport;
  private final Supplier<Spool> spoolFactory;
  private Spool spool;
  private Backoff backoff;
  private final Runnable prime;

  /** Each element a String (an event's JSON) or a {@link Deferred}. */
  private final Deque<Object> queue = new ArrayDeque<>();

  private List<Object> inFlight = List.of();
  private boolean started;
  private boolean stopped;

  /** True while the sender is still reading the spool: a flush must wait for those events too. */
  private boolean adopting;

  /** When the worker is waiting to retry: the System.nanoTime of the next attempt, else 0. */
  private long retryAt;

  private int attempt;

  /**
   * @param backoff the delays between retries; null: {@link Backoff#withRandomJitter()}, made at
   *     the first retry, so that a run whose send succeeds never loads it
   * @param spool makes the spool; called on the sender thread, keeping its first-use cost
   *     (checksums, file system) off the tool's start-up
   * @param prime first-use work (class loading, reading the install id) done on a thread of its own
   *     at start, while the sender connects, so it is off the tool's path when the event is
   *     recorded
   */
  Dispatcher(Transport transport, Supplier<Spool> spool, Backoff backoff, Runnable prime) {
    this.transport = transport;
    this.spoolFactory = spool;
    this.backoff = backoff;
    this.prime = prime;
  }

  /**
   * Starts the sender thread once: it warms up HTTP and picks up events spooled by earlier runs.
   */
  synchronized void start() {
    if (started || stopped) {
      return;
    }
    started = true;
    adopting = true;
    // Nested classes rather than method references: no lambda bootstrap on the tool's path. Only
    // the sender is started here; it starts the primer, so the tool's thread pays for one thread.
    Thread worker = new Thread(new Worker(false), "cli-analytics-sender");
    worker.setDaemon(true);
    worker.start();
  }

  /** An event whose JSON is made when first asked for, on whichever thread asks. */
  interface Deferred {
    /**
     * The event's JSON, the same string on every call (the first call makes it), or null when it
     * cannot be made: that event is dropped.
     */
    String json();
  }

  /** Queues an event: its JSON, or a {@link Deferred} the sender turns into JSON. */
  synchronized void enqueue(Object event) {
    if (stopped) {
      return;
    }
    if (queue.size() >= MAX_QUEUE) {
      queue.removeFirst();
    }
    queue.addLast(event);
    start();
    notifyAll();
  }

  /** Waits at most {@code timeout} for everything queued so far to be delivered. */
  synchronized boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!idle()) {
      long remaining = deadline - System.nanoTime();
      boolean retryTooLate = retryAt != 0 && retryAt - deadline > 0;
      if (remaining <= 0 || retryTooLate || stopped || !waitNanos(remaining)) {
        return false;
      }
    }
    return true;
  }

  /** Flushes for at most {@code timeout}, then spools what is unsent and stops the sender. */
  void close(Duration timeout) {
    List<Object> unsent;
    synchronized (this) {
      if (stopped) {
        return;
      }
      if (started) {
        flush(timeout);
      }
      unsent = new ArrayList<>(inFlight);
      unsent.addAll(queue);
      queue.clear();
      stopped = true;
      notifyAll();
    }
    try {
      List<String> lines = json(unsent);
      if (!lines.isEmpty()) {
        spool().append(lines);
      }
    } catch (IOException | RuntimeException e) {
      // Dropping is the documented fallback: telemetry must never break or stall the tool.
    }
    transport.shutdown();
  }

  private synchronized Spool spool() {
    if (spool == null) {
      spool = spoolFactory.get();
    }
    return spool;
  }

  private boolean idle() {
    return !adopting && queue.isEmpty() && inFlight.isEmpty();
  }

  /**
   * The sender ({@code primer} false), which starts the primer and then sends, or the primer. One
   * class for both threads: each class costs a short-lived tool its loading (docs/client.md, "Fewer
   * SDK classes on a run").
   */
  private final class Worker implements Runnable {
    private final boolean primer;

    Worker(boolean primer) {
      this.primer = primer;
    }

    @Override
    public void run() {
      if (primer) {
        prime();
        return;
      }
      try {
        // Priming is independent of connecting: on a second thread the two overlap.
        Thread thread = new Thread(new Worker(true), "cli-analytics-prime");
        thread.setDaemon(true);
        thread.start();
      } catch (RuntimeException | OutOfMemoryError e) {
        // No second thread: the event is sanitized cold when recorded, which is only slower.
      }
      work();
    }
  }

  private void prime() {
    try {
      // First the host's address, which also sets up the JDK's address classes, while the
      // sender loads the socket classes: the early connect then finds both ready.
      transport.resolveAhead();
      prime.run();
    } catch (RuntimeException | LinkageError e) {
      // Only a warm-up: the event's own sanitizing reports nothing either.
    }
  }

  private void work() {
    try {
      // Connect first: reading the spool, usually a check that there is none, can wait for it.
      transport.warmUp();
      adoptSpooled();
      List<Object> batch;
      while ((batch = nextBatch()) != null) {
        // The sanitizing of runs recorded since the last batch, outside the lock.
        List<String> lines = json(batch);
        SendResult result = lines.isEmpty() ? SendResult.delivered(0) : transport.send(lines);
        if (!settle(batch, result)) {
          return;
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // The sender dies quietly; close() still spools the queue, so nothing is lost but time.
    } finally {
      synchronized (this) {
        adopting = false;
        notifyAll();
      }
    }
  }

  private void adoptSpooled() {
    List<String> earlier;
    try {
      earlier = spool().takeAll();
    } catch (IOException e) {
      earlier = List.of();
    }
    synchronized (this) {
      adopting = false;
      notifyAll();
      if (!stopped) {
        for (int i = earlier.size() - 1; i >= 0; i--) {
          queue.addFirst(earlier.get(i));
        }
        while (queue.size() > MAX_QUEUE) {
          queue.removeFirst();
        }
        notifyAll();
        return;
      }
    }
    try {
      spool().append(earlier);
    } catch (IOException e) {
      // Lost to a close() that raced the start-up read; bounded and rare.
    }
  }

  /**
   * The JSON of each event, in order, leaving out those whose JSON cannot be made. A {@link
   * Deferred} makes its JSON once, so an event both sent and spooled keeps its event id.
   */
  private static List<String> json(List<Object> events) {
    List<String> lines = new ArrayList<>(events.size());
    for (Object event : events) {
      String line;
      if (event instanceof String ready) {
        line = ready;
      } else {
        try {
          line = ((Deferred) event).json();
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
          line = null; // dropping one event is the price of never breaking the tool
        }
      }
      if (line != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  private synchronized List<Object> nextBatch() {
    while (queue.isEmpty() && !stopped) {
      if (!waitNanos(0)) {
        return null;
      }
    }
    if (stopped) {
      return null;
    }
    List<Object> batch = new ArrayList<>();
    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(queue.removeFirst());
    }
    inFlight = batch;
    return batch;
  }

  /** Records the outcome of one attempt; returns false when the sender should stop. */
  private synchronized boolean settle(List<Object> batch, SendResult result) {
    if (stopped) {
      return false;
    }
    inFlight = List.of();
    // An if rather than a switch on the enum: the switch's lookup class would load while the tool
    // waits at exit.
    if (result.outcome() != SendResult.Outcome.RETRY) {
      attempt = 0;
    } else {
      for (int i = batch.size() - 1; i >= 0; i--) {
        queue.addFirst(batch.get(i));
      }
      if (backoff == null) {
        backoff = Backoff.withRandomJitter();
      }
      Duration delay = backoff.delay(attempt++, result.retryAfter());
      retryAt = System.nanoTime() + Math.max(1, delay.toNanos());
      notifyAll();
      while (!stopped && retryAt - System.nanoTime() > 0) {
        if (!waitNanos(retryAt - System.nanoTime())) {
          return false;
        }
      }
      retryAt = 0;
    }
    notifyAll();
    return !stopped;
  }

  /**
   * Waits on this monitor; 0 means until notified. Returns false when interrupted, keeping the
   * interrupt for the caller.
   */
  private boolean waitNanos(long nanos) {
    try {
      if (nanos <= 0) {
        wait();
      } else {
        wait(Math.max(1, nanos / 1_000_000));
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
