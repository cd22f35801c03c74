package dev.clianalytics.server.ops;

import dev.clianalytics.server.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops raw events older than {@code RETENTION_DAYS}, and weekly workflow aggregates older than
 * {@code AGGREGATE_RETENTION_DAYS} (0: never): once at start, then daily. Several server instances
 * may run it at once; deleting the same old rows twice is harmless.
 */
public final class Retention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  private final Database database;
  private final int days;
  private final int aggregateDays;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;

  public Retention(Database database, int days, Clock clock) {
    this(database, days, 0, clock);
  }

  /** Retention of raw events after {@code days} and of aggregates after {@code aggregateDays}. */
  public Retention(Database database, int days, int aggregateDays, Clock clock) {
    this.database = database;
    this.days = days;
    this.aggregateDays = aggregateDays;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("retention").unstarted(r));
  }

  /** Runs now (in the background) and every 24 hours; does nothing when days is 0. */
  public void start() {
    if (days > 0) {
      scheduler.scheduleWithFixedDelay(this::runSafely, 0, 24, TimeUnit.HOURS);
    }
  }

  /** Deletes events older than the retention window; returns how many. */
  public long runOnce() {
    java.time.Instant now = clock.instant();
    return database
        .ready()
        .deleteEventsBefore(
            now.minus(Duration.ofDays(days)),
            aggregateDays == 0 ? null : now.minus(Duration.ofDays(aggregateDays)));
  }

  private void runSafely() {
    try {
      long removed = runOnce();
      if (removed > 0) {
        LOG.info("retention removed {} events older than {} days", removed, days);
      }
    } catch (RuntimeException e) {
      LOG.warn("retention did not run ({}); retrying in an hour", e.getClass().getSimpleName());
      if (!scheduler.isShutdown()) {
        scheduler.schedule(this::retryOnce, 1, TimeUnit.HOURS);
      }
    }
  }

  private void retryOnce() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warn(
          "retention retry failed ({}); next daily run will try again",
          e.getClass().getSimpleName());
    }
  }

  /**
   * Stops the schedule and waits (at most 10 s) for a run in progress, so that the database is not
   * closed under its delete.
   */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
  }
}
