package dev.clianalytics.server.inference;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.inference.SessionAnalyzer;
import dev.clianalytics.core.inference.SessionResult;
import dev.clianalytics.core.session.Recomputation;
import dev.clianalytics.core.session.Recompute;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.session.SessionSpan;
import dev.clianalytics.core.session.SessionStream;
import dev.clianalytics.core.session.Sessionizer;
import dev.clianalytics.core.session.StartMarkers;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.InferenceState;
import dev.clianalytics.server.storage.InferenceTx;
import dev.clianalytics.server.storage.StorageUnavailableException;
import dev.clianalytics.server.storage.derived.EventCounts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the derived tables up to date with the events (docs/inference.md and docs/reports.md). An
 * incremental run reads only events past the stored mark, recomputes the sessions they can change
 * and re-detects sessions the moved horizon closed; a full run (asked for, after a settings change,
 * or when the new events are many against those already inferred) recomputes everything in one
 * ordered scan. Both give the same tables. More than {@link #MAX_INCREMENTAL_EVENTS} new events are
 * inferred in slices of that many, each committed as an incremental run of its own, so memory stays
 * bounded and the cost follows the new events rather than the table.
 */
public final class InferenceService {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceService.class);

  /** The most new events one incremental run holds in memory: the size of a slice. */
  static final long MAX_INCREMENTAL_EVENTS = 100_000;

  /**
   * Slices are inferred instead of a full run while the events already inferred are more than this
   * many times the new ones. Per event an incremental run costs about three times what a full one
   * does (it looks sessions up and reads their events again; 27 against 9.3 microseconds at 3.6
   * million events on PostgreSQL, docs/inference.md), so slices are cheaper while the new events
   * are under half of the inferred ones, and a full run is cheaper when most events are new, as in
   * a first inference or after a bulk import.
   */
  static final long SLICE_WHEN_INFERRED_TIMES = 2;

  /**
   * When new events are inferred in slices: {@code events} per slice at most, while the events
   * already inferred are more than {@code inferredTimes} times the new ones (0: always).
   */
  record Slices(long events, long inferredTimes) {
    static final Slices DEFAULT = new Slices(MAX_INCREMENTAL_EVENTS, SLICE_WHEN_INFERRED_TIMES);
  }

  private final Database database;
  private final InferenceOptions options;
  private final Sessionizer sessionizer;
  private final SessionAnalyzer analyzer;
  private final String fingerprint;
  private final Clock clock;
  private final Slices slices;
  private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean stopping;
  // held for a whole run, its report warm-up included; see betweenRuns
  private final java.util.concurrent.locks.ReentrantLock running =
      new java.util.concurrent.locks.ReentrantLock();

  public InferenceService(Database database, InferenceOptions options, Clock clock) {
    this(database, options, clock, Slices.DEFAULT);
  }

  /** With slices other than the default: for tests, which cannot afford 100,000 events. */
  InferenceService(Database database, InferenceOptions options, Clock clock, Slices slices) {
    this.slices = slices;
    this.database = database;
    this.options = options;
    this.sessionizer = new Sessionizer(options.sessionTimeout());
    this.analyzer = new SessionAnalyzer(options.catalog(), options.pathDepth());
    this.fingerprint = Fingerprint.of(options);
    this.clock = clock;
  }

  /** The settings inference runs with. */
  public InferenceOptions options() {
    return options;
  }

  /** Runs {@code listener} after every inference that changed the derived tables. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Runs one inference now; {@code full} recomputes everything. Once {@link #stop} is called a run
   * ends early, committing nothing more (slices already inferred stay), with a {@link
   * StorageUnavailableException}.
   */
  public InferenceRun run(boolean full) {
    running.lock();
    try {
      return runNow(full);
    } finally {
      running.unlock();
    }
  }

  /** True while an inference of this service runs (or warms the reports after one). */
  public boolean isRunning() {
    return running.isLocked();
  }

  /**
   * Runs {@code action} while no inference of this service runs, waiting for the running one to end
   * first; inference waits meanwhile. For a benchmark's reading of the heap between inferences.
   */
  public <T> T betweenRuns(java.util.function.Supplier<T> action) {
    running.lock();
    try {
      return action.get();
    } finally {
      running.unlock();
    }
  }

  private InferenceRun runNow(boolean full) {
    long started = System.nanoTime();
    Tally tally = new Tally();
    try {
      // The first pass fixes the upper bound, so that steady ingest cannot keep the slices going.
      long target = Long.MAX_VALUE;
      boolean first = true;
      Tally pass;
      do {
        checkRunning();
        long through = target;
        boolean fullPass = full && first;
        boolean continuing = !first;
        pass =
            database
                .ready()
                .inference()
                .exclusively(
                    tx -> new Pass(tx, clock.instant()).run(fullPass, through, continuing));
        tally.add(pass);
        target = pass.target;
        first = false;
      } while (pass.more);
    } catch (RuntimeException e) {
      if (stopping) {
        throw new StorageUnavailableException("the server is stopping", e);
      }
      throw e;
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    if ((tally.events > 0 || tally.sessions > 0) && !stopping) {
      listeners.forEach(Runnable::run);
    }
    return new InferenceRun(tally.events, tally.sessions, tally.runs, ms, tally.full);
  }

  /**
   * For a stopping server: a running inference ends at its next event or session, or as soon as the
   * statement it waits on is cancelled, and rolls back; later runs end at once.
   */
  public void stop() {
    stopping = true;
    cancelRunning();
  }

  /** True once {@link #stop} was called. */
  public boolean stopping() {
    return stopping;
  }

  /**
   * Cancels the running inference's statement in progress (again: a cancel that arrives between two
   * statements has nothing to cancel).
   */
  void cancelRunning() {
    if (running.isLocked()) {
      database.cancelInference();
    }
  }

  private void checkRunning() {
    if (stopping) {
      throw new StorageUnavailableException("the server is stopping", null);
    }
  }

  private static final class Tally {
    long events;
    long sessions;
    long runs;
    boolean full;
    // the upper bound of the whole run, and whether slices of it remain
    long target;
    boolean more;

    void add(Tally pass) {
      events += pass.events;
      sessions += pass.sessions;
      runs += pass.runs;
      full |= pass.full;
    }
  }

  /** One run inside the store's exclusive transaction. */
  private final class Pass {
    private final InferenceTx tx;
    private final Instant now;
    private final Tally tally = new Tally();
    private final StringBuilder laps = new StringBuilder();
    private long mark = System.nanoTime();
    private long analyzeNanos;
    private long writeNanos;
    private EventCounts counts = new EventCounts();

    /** Hot path sequence names; sessions are analyzed one at a time, on one thread at a time. */
    private final HotPaths.Names names = new HotPaths.Names();

    Pass(InferenceTx tx, Instant now) {
      this.tx = tx;
      this.now = now;
    }

    /**
     * One pass over the events up to {@code target} at most, the next slice if {@code continuing};
     * see {@link Tally#more}.
     */
    Tally run(boolean full, long target, boolean continuing) {
      InferenceState state = tx.state();
      if (continuing && state.lastSeq() >= target) {
        // another instance inferred past this run's bound between two slices: nothing is left, and
        // the stored position beyond the bound is not a sign of events gone (a full run's cue)
        return tally;
      }
      long through = Math.min(tx.lastSeq(), target);
      tally.target = through;
      long pending = tx.countEvents(state.lastSeq(), through);
      boolean settingsChanged = !state.fingerprint().equals(fingerprint);
      boolean everything =
          full
              || settingsChanged
              || through < state.lastSeq()
              // a later slice's check would only repeat the first one's answer
              || (pending > slices.events()
                  && !continuing
                  && !worthSlicing(state.lastSeq(), pending));
      if (!everything && pending > slices.events()) {
        // this slice as one incremental run of its own, with the horizon of its newest event
        through = tx.sliceEnd(state.lastSeq(), through, slices.events());
        tally.more = through < tally.target;
      }
      Instant horizon = Sessionizer.horizon(tx.newestTimestamp(through), now);
      if (everything) {
        full(through, horizon);
      } else {
        incremental(state.lastSeq(), through, horizon);
      }
      tx.count(counts);
      tx.finish(through, horizon, fingerprint);
      lap("finish");
      LOG.debug(
          "inference phases (ms):{}; analyze={} write={}",
          laps,
          analyzeNanos / 1_000_000,
          writeNanos / 1_000_000);
      return tally;
    }

    // Counted up to the bound only: more than inferredTimes x pending events already inferred.
    private boolean worthSlicing(long inferredThrough, long pending) {
      if (slices.inferredTimes() == 0) {
        return true;
      }
      long enough = slices.inferredTimes() * pending;
      return inferredThrough > 0 && tx.sliceEnd(0, inferredThrough, enough) < inferredThrough;
    }

    // Phase timings for the debug log: where an inference spends its time.
    private void lap(String phase) {
      long now = System.nanoTime();
      laps.append(' ').append(phase).append('=').append((now - mark) / 1_000_000);
      mark = now;
    }

    private void full(long through, Instant horizon) {
      tally.full = true;
      tx.replaceAllDerived();
      lap("delete");
      // This thread reads, counts and sessionizes; a second one analyzes and a third writes.
      try (Handoff<SessionResult> writes =
              new Handoff<>("inference-write", r -> r.session().events().size(), this::store);
          Handoff<Session> analyses =
              new Handoff<>(
                  "inference-analyze", s -> s.events().size(), s -> writes.accept(analyze(s)))) {
        SessionStream stream = sessionizer.stream(horizon, analyses::accept);
        tx.forEachEvent(
            0,
            through,
            event -> {
              checkRunning();
              tally.events++;
              // Events come in actor order: the counts of earlier actors are final and are written
              // in order with the sessions, by the writing thread, rather than all at the end.
              if (counts.actorsComplete(event.actorId())) {
                EventCounts done = counts;
                counts = new EventCounts();
                analyses.run(() -> writes.run(() -> tx.count(done)));
              }
              count(event);
              stream.accept(event);
            });
        stream.finish();
        analyses.finish();
        writes.finish();
      }
      lap("stream");
    }

    private void incremental(long after, long through, Instant horizon) {
      List<Event> fresh = new ArrayList<>();
      tx.forEachEvent(
          after,
          through,
          event -> {
            checkRunning();
            fresh.add(event);
          });
      fresh.forEach(this::count);
      tally.events = fresh.size();
      lap("read");
      List<Recompute> windows = Windows.around(fresh);
      List<SessionSpan> near = tx.sessionsNear(windows, options.sessionTimeout());
      lap("near");
      List<Recompute> plan = Recomputation.plan(near, fresh, sessionizer);
      List<String> doomed = Windows.inside(near, plan);
      List<SessionSpan> candidates =
          Windows.without(tx.sessionsPossiblyOpen(horizon, options.sessionTimeout()), doomed);
      List<Recompute> ranges = new ArrayList<>(plan);
      for (SessionSpan span : Recomputation.reclassify(candidates, horizon, sessionizer)) {
        doomed.add(span.id());
        ranges.add(new Recompute(span.key(), span.start(), span.end()));
      }
      lap("plan");
      tx.deleteSessions(doomed);
      lap("delete");
      SessionStream stream = sessionizer.stream(horizon, this::write);
      tx.forEachEventIn(ranges, through, stream::accept);
      stream.finish();
      lap("recompute");
    }

    // Daily counts are of events received; a start marker is not one (docs/posthog.md).
    private void count(Event event) {
      if (!StartMarkers.isMarker(event)) {
        counts.add(event);
      }
    }

    private void write(Session session) {
      store(analyze(session));
    }

    private SessionResult analyze(Session session) {
      checkRunning();
      long t0 = System.nanoTime();
      // The writer sums paths by sequence: named through one table for the whole pass, a sequence
      // is the same String each time, its hash computed once and compared by reference.
      SessionResult result = analyzer.analyze(session, names);
      analyzeNanos += System.nanoTime() - t0;
      return result;
    }

    private void store(SessionResult result) {
      long t0 = System.nanoTime();
      tx.write(result);
      writeNanos += System.nanoTime() - t0;
      tally.sessions++;
      tally.runs += result.instances().size();
    }
  }
}
