package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.InferenceStore;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of the derived tables that reports answer from memory ({@link WorkflowDays}, {@link
 * EventDays}, {@link RecoveryDays}, {@link PathDays}), read once per generation on a thread of
 * their own, so that neither inference nor a request waits for them (docs/server.md, "Uncached
 * reports"). Until they are read, and where they are not kept, reports read the database, with the
 * same answers.
 *
 * <p>They are read when someone uses the reports: on a report request after the derived tables
 * changed, and right after an inference's warm-up if a report was requested within {@link
 * #IN_USE_NANOS}. A server nobody reads reports from spends nothing on them. A request while an
 * inference runs leaves the read to that inference's end: an inference in slices commits a
 * generation per slice, and reading each would compete with the next slice for rows that the read
 * after the last one replaces anyway.
 */
final class KeptRows {
  private static final Logger LOG = LoggerFactory.getLogger(KeptRows.class);

  /** After a report request, how long each new generation is read as soon as it is warm. */
  static final long IN_USE_NANOS = TimeUnit.MINUTES.toNanos(15);

  /**
   * One generation's rows; a field is null when its table has more rows than its limit ({@link
   * WorkflowDays#MAX_RUNS}, {@link EventDays#MAX_ROWS}, {@link RecoveryDays#MAX_ROWS}, {@link
   * PathDays#MAX_ROWS}).
   */
  record Sets(
      long generation,
      WorkflowDays workflows,
      EventDays events,
      RecoveryDays recovery,
      PathDays paths) {
    /** Reads the four sets on {@code c}'s snapshot. */
    static Sets read(SqlReads c) throws SQLException {
      return new Sets(
          ReportCache.generation(c),
          WorkflowDays.read(c, WorkflowDays.MAX_RUNS),
          EventDays.read(c, EventDays.MAX_ROWS),
          RecoveryDays.read(c, RecoveryDays.MAX_ROWS),
          PathDays.read(c, PathDays.MAX_ROWS));
    }
  }

  private final Supplier<InferenceStore> store;
  private final LongSupplier nanoTime;
  private final BooleanSupplier inferring;
  private final AtomicReference<Sets> current = new AtomicReference<>();
  private final Object lock = new Object();
  // guarded by lock
  private Thread reader;
  private boolean stale = true;
  private boolean stopped;
  private boolean notKept;
  private long askedAt;
  private boolean asked;

  /**
   * Rows read from {@code store}, one snapshot each time; {@code nanoTime} tells when a report was
   * last requested, {@code inferring} whether an inference of this server runs.
   */
  KeptRows(Supplier<InferenceStore> store, LongSupplier nanoTime, BooleanSupplier inferring) {
    this.store = store;
    this.nanoTime = nanoTime;
    this.inferring = inferring;
  }

  /**
   * The rows of {@code c}'s generation, or null: until they are read (which the next request
   * starts) and where they are not kept, on databases whose tables may outgrow one server ({@link
   * SqlReads#keepsRows()}).
   */
  Sets get(SqlReads c) throws SQLException {
    if (!c.keepsRows()) {
      return null;
    }
    Sets sets = current.get();
    if (sets != null && sets.generation() == ReportCache.generation(c)) {
      return sets;
    }
    synchronized (lock) {
      stale = true; // read on the next request, or after the next warm-up
    }
    return null;
  }

  /**
   * A report was requested: reads the current generation's rows if they are not read yet, unless an
   * inference runs, whose end reads them ({@link #changed}).
   */
  void asked() {
    synchronized (lock) {
      asked = true;
      askedAt = nanoTime.getAsLong();
      if (stale && !inferring.getAsBoolean()) {
        start();
      }
    }
  }

  /**
   * The derived tables changed: reads the new generation's rows now if reports were requested
   * lately, otherwise on the next request.
   */
  void changed() {
    synchronized (lock) {
      stale = true;
      if (asked && nanoTime.getAsLong() - askedAt < IN_USE_NANOS) {
        start();
      }
    }
  }

  /** Whether rows are being read now. */
  boolean reading() {
    synchronized (lock) {
      return reader != null;
    }
  }

  /**
   * Stops reading rows: waits for a read under way to end, up to {@code millis}, so that the
   * database can close under no reader. Nothing is read afterwards.
   */
  void stop(long millis) throws InterruptedException {
    Thread running;
    synchronized (lock) {
      stopped = true;
      running = reader;
    }
    if (running != null) {
      running.join(millis);
    }
  }

  // holds lock
  private void start() {
    if (reader != null || stopped || notKept) {
      return;
    }
    reader = Thread.ofVirtual().name("kept-rows").start(this::readWhileStale);
  }

  private void readWhileStale() {
    boolean kept = true;
    boolean failed = false;
    try {
      while (kept && takeStale()) {
        kept = readOnce();
      }
    } catch (RuntimeException e) {
      // the reports read the database meanwhile; the next request or inference tries again
      LOG.debug("reading the rows kept for reports failed: {}", e.toString());
      failed = true;
    } finally {
      synchronized (lock) {
        reader = null;
        notKept |= !kept;
        stale |= failed;
        if (stale && !failed) {
          start(); // changed while this thread was leaving
        }
      }
    }
  }

  /** Whether a generation may be newer than the rows read, marking it read. */
  private boolean takeStale() {
    synchronized (lock) {
      if (!stale || stopped) {
        return false;
      }
      stale = false;
      return true;
    }
  }

  /** Reads the current generation unless it is read already; false where rows are not kept. */
  private boolean readOnce() {
    return store
        .get()
        .read(
            c -> {
              if (!c.keepsRows()) {
                return false;
              }
              Sets sets = current.get();
              if (sets == null || sets.generation() != ReportCache.generation(c)) {
                current.set(null); // the old generation's rows answer nothing now: free them first
                current.set(Sets.read(c));
              }
              return true;
            });
  }
}
