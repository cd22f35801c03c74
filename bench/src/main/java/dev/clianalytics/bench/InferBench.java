package dev.clianalytics.bench;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.inference.InferenceRun;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import java.io.OutputStream;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * {@code infer --database-url URL --events N}: loads N sample events, warms the JVM up with full
 * inferences over them, then times three pairs of one ordered read of all events and one more full
 * inference (the ratio printed is the median of the pairs'), then an incremental inference after
 * 10,000 more events, then one after N/4 more (inferred in slices of 100,000 when that is more than
 * 100,000) against a full inference of all the events right after it. On ClickHouse each timed step
 * starts once the merges of earlier steps' inserts are done.
 */
final class InferBench {
  private static final String COLUMNS =
      "seq, received_at, event_id, ts, tool_name, tool_version, command_path, flags_present,"
          + " exit_code, duration_ms, error_type, error_message, actor_id, machine_id,"
          + " session_hint, ci_detected";

  /** Full runs before the timed one; the third run's time had settled in trials. */
  static final int WARM_UP_RUNS = 3;

  /** Timed pairs of an ordered read and a full inference. */
  static final int PAIRS = 3;

  private InferBench() {}

  /** One inference and its wall time. */
  private record Timed(InferenceRun run, long ms) {
    static Timed run(InferenceService service, boolean full) {
      long t = System.nanoTime();
      InferenceRun run = service.run(full);
      return new Timed(run, (System.nanoTime() - t) / 1_000_000);
    }
  }

  static void run(BenchArgs args) throws Exception {
    try (BenchData data = BenchData.create(args.databaseUrl());
        Storage storage = data.open()) {
      long t0 = System.nanoTime();
      int quarter = args.events() / 4;
      List<Event> extra = BenchData.load(storage, args.events(), 10_000, quarter);
      System.out.printf(Locale.ROOT, "loaded %d events in %.1f s%n", args.events(), secs(t0));
      InferenceService service =
          new InferenceService(
              new Database(storage), InferenceOptions.defaults(), Clock.systemUTC());
      data.analyze();
      warmUp(service);
      // Pairs of one ordered read and one full inference, each pair close in time so the machine's
      // load weighs on both alike; the ratio printed is the median of the pairs' ratios.
      double[] ratios = new double[PAIRS];
      double[] fulls = new double[PAIRS];
      double settled = 0;
      InferenceRun full = null;
      double fullSecs = 0;
      HeapPeak.reset();
      for (int i = 0; i < PAIRS; i++) {
        settled += data.settle();
        long readCpu = cpuNanos();
        double read = orderedRead(data, storage);
        readCpu = cpuNanos() - readCpu;
        settled += data.settle();
        long fullCpu = cpuNanos();
        long t1 = System.nanoTime();
        full = service.run(true);
        fullSecs = secs(t1);
        fullCpu = cpuNanos() - fullCpu;
        ratios[i] = fullSecs / read;
        fulls[i] = fullSecs;
        System.out.printf(
            Locale.ROOT,
            "full inference: %d events, %d sessions, %d runs in %.2f s; ordered read %.2f s;"
                + " ratio %.2f; this process's CPU %.2f s (full), %.2f s (read)%n",
            full.eventsProcessed(),
            full.sessions(),
            full.workflowRuns(),
            fullSecs,
            read,
            ratios[i],
            fullCpu / 1e9,
            readCpu / 1e9);
      }
      long heap = HeapPeak.mib();
      if (settled > 0) {
        System.out.printf(
            Locale.ROOT, "waited %.1f s in all for ClickHouse's merges to finish%n", settled);
      }
      Arrays.sort(ratios);
      double ratio = ratios[PAIRS / 2];
      Arrays.sort(fulls);
      fullSecs = fulls[PAIRS / 2];
      storage.insertEvents(extra, Instant.now());
      Timed incremental = Timed.run(service, false);
      System.out.printf(
          Locale.ROOT,
          "incremental: %d events, %d sessions recomputed in %d ms%n",
          incremental.run().eventsProcessed(),
          incremental.run().sessions(),
          incremental.ms());
      // A quarter as many new events as stored: slices (docs/inference.md), against the full run
      // a server would have done before slices existed, over the same events.
      BenchData.insertLater(storage, args.events(), 10_000, quarter);
      data.settle();
      Timed quarterRun = Timed.run(service, false);
      data.settle();
      Timed fullAfter = Timed.run(service, true);
      System.out.printf(
          Locale.ROOT,
          "%d more events: %s in %d ms; a full run over all %d events: %d ms%n",
          quarterRun.run().eventsProcessed(),
          quarterRun.run().full() ? "a full run" : "incremental",
          quarterRun.ms(),
          fullAfter.run().eventsProcessed(),
          fullAfter.ms());
      System.out.printf(
          Locale.ROOT,
          "{\"full_events_per_s\": %.0f, \"ratio_to_read\": %.2f, \"incremental_10k_ms\": %d,"
              + " \"quarter_new_events\": %d, \"quarter_incremental_ms\": %d,"
              + " \"quarter_full_ms\": %d, \"max_heap_mb\": %d}%n",
          full.eventsProcessed() / fullSecs,
          ratio,
          incremental.ms(),
          quarterRun.run().eventsProcessed(),
          quarterRun.ms(),
          fullAfter.ms(),
          heap);
    }
  }

  /**
   * Full inferences over the same events before the timed one, so the timed run measures the
   * inference of a running server rather than the JVM compiling its code: in a fresh JVM the first
   * full run spends about as much CPU in the JIT compiler as in inference, and on two cores that
   * shows as wall time. Each run's time is printed, the first being the cold figure.
   */
  private static void warmUp(InferenceService service) {
    StringBuilder times = new StringBuilder();
    for (int i = 0; i < WARM_UP_RUNS; i++) {
      long t = System.nanoTime();
      service.run(true);
      times.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f s", secs(t)));
    }
    System.out.printf(
        Locale.ROOT, "warm-up: %d full inferences (first one cold) in %s%n", WARM_UP_RUNS, times);
  }

  /**
   * Seconds for one ordered read of every event: COPY TO STDOUT on PostgreSQL, the storage's own
   * ordered stream on DuckDB (JDBC) and ClickHouse ({@code RowBinary}, first copy of each id).
   */
  private static double orderedRead(BenchData data, Storage storage) throws Exception {
    long t = System.nanoTime();
    if (data.postgres()) {
      String select = "SELECT " + COLUMNS + " FROM events ORDER BY actor_id, ts";
      try (Connection c = DatabaseUrl.parse(data.url).connect()) {
        c.unwrap(PGConnection.class)
            .getCopyAPI()
            .copyOut("COPY (" + select + ") TO STDOUT", OutputStream.nullOutputStream());
      }
      return secs(t);
    }
    long[] n = {0};
    storage.forEachEvent(0, storage.lastSeq(), e -> n[0]++);
    return secs(t);
  }

  /**
   * CPU time of this process (all its threads), which a busy machine changes less than wall time;
   * the database's own CPU is not in it.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static double secs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
