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
      LOG.warn(
          "scheduled inference failed ({}: {}); it retries in {}",
          e.getClass().getSimpleName(),
          e.getMessage(),
          interval);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
