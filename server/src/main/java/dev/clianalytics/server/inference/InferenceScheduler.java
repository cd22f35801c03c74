package dev.clianalytics.server.inference;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs incremental inference every {@code INFER_INTERVAL}; an interval of zero turns it off. */
public final class InferenceScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceScheduler.class);

  /** How long {@link #close} waits for a running inference to end. */
  static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final InferenceService service;
  private final Duration interval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("inference").unstarted(r));

  public InferenceScheduler(InferenceService service, Duration interval) {
    this.service = service;
    this.interval = interval;
  }

  /** Starts the schedule: the first run one interval from now. */
  public void start() {
    if (!interval.isZero()) {
      long ms = interval.toMillis();
      scheduler.scheduleWithFixedDelay(this::runSafely, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  private void runSafely() {
    if (service.stopping()) {
      return;
    }
    try {
      InferenceRun run = service.run(false);
      if (run.eventsProcessed() > 0) {
        LOG.info(
            "inference: {} events, {} sessions, {} workflow runs in {} ms",
            run.eventsProcessed(),
            run.sessions(),
            run.workflowRuns(),
            run.durationMs());
      }
    } catch (RuntimeException e) {
      if (service.stopping()) {
        LOG.info(
            "inference stopped with the server; it committed nothing, the next start redoes it");
        return;
      }
      LOG.warn(
          "scheduled inference failed ({}: {}); it retries in {}",
          e.getClass().getSimpleName(),
          e.getMessage(),
          interval);
    }
  }

  /**
   * Stops the schedule and the inference running now, if any, and waits for it to end (at most
   * {@link #STOP_WAIT}), so that the database is not closed under it: closing the connection pool
   * under a running statement breaks that connection mid-statement.
   */
  @Override
  public void close() {
    scheduler.shutdown();
    service.stop();
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    try {
      while (!scheduler.awaitTermination(100, TimeUnit.MILLISECONDS)) {
        if (System.nanoTime() > deadline) {
          LOG.warn(
              "inference did not stop within {} s; the database closes under it and the next"
                  + " start redoes it",
              STOP_WAIT.toSeconds());
          break;
        }
        // again: a cancel that arrived between two statements had nothing to cancel
        service.cancelRunning();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
  }
}
