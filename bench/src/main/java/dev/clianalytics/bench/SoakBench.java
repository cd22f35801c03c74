package dev.clianalytics.bench;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.storage.Storage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code soak [--database-url URL] [--minutes N] [--rate EVENTS_PER_S]}: a real server (child
 * process, inference every 10 s) fed at a steady rate for N minutes (default 10) while a reader
 * asks for the summary report every second. The rate defaults to 70% of the maximum measured on the
 * same server first. Prints, per minute, the p50 and p99 ingest latency, the report p99 and the
 * server's heap after a full collection, both between inferences and at the minute mark whatever
 * runs; at the end it checks that every acknowledged event is stored and whether the heap between
 * inferences stayed flat ({@link Flatness}).
 */
final class SoakBench {
  private static final int TEMPLATES = 2_000;

  private SoakBench() {}

  record Options(String databaseUrl, int minutes, int rate) {
    Options {
      if (minutes < 1 || minutes > 120) {
        throw new IllegalArgumentException("--minutes must be from 1 to 120, was " + minutes);
      }
      if (rate < 0 || rate > 1_000_000) {
        throw new IllegalArgumentException("--rate must be from 1 to 1000000, was " + rate);
      }
    }

    static Options parse(String[] args) {
      String url = null;
      int minutes = 10;
      int rate = 0;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--database-url" -> url = value.equals("duckdb") ? null : value;
          case "--minutes" -> minutes = whole(args[i], value);
          case "--rate" -> rate = whole(args[i], value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option " + args[i] + "; use --database-url URL --minutes N --rate R");
        }
      }
      return new Options(url, minutes, rate);
    }

    private static int whole(String option, String value) {
      try {
        return Integer.parseInt(value.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " needs a whole number, was " + value);
      }
    }
  }

  /**
   * One minute's figures: the heap after a full collection while no inference runs ({@code
   * heapIdleBytes}, read {@code idleAtMinutes} after the start: the first moment after the minute
   * mark with no inference running), and at the minute mark whatever runs ({@code heapAtMarkBytes},
   * {@code duringInference} if an inference was running then).
   */
  record Minute(
      int minute,
      double p50Ms,
      double p99Ms,
      double reportP99Ms,
      long heapIdleBytes,
      double idleAtMinutes,
      long heapAtMarkBytes,
      boolean duringInference) {}

  /** Most p99 of the last minute over the first that meets the goal. */
  static final double P99_RATIO_GOAL = 1.5;

  /** Heap tolerance: this share of the median heap between inferences, at least {@link #MIN_MB}. */
  static final double TOLERANCE = 0.10;

  static final double MIN_MB = 1.0;

  /**
   * Whether the heap between inferences is flat: both of these are at most {@code toleranceMb}
   * ({@link #TOLERANCE} of the median reading, at least {@link #MIN_MB}):
   *
   * <ul>
   *   <li>{@code growthMb}, the growth over the run of the Theil-Sen line through the readings
   *       placed at the time each was taken: its slope is the median of the slopes between every
   *       two readings, so a few readings that caught a request's working set cannot tilt it, and
   *       readings a long inference delayed into one pause count at their own times;
   *   <li>the median of the last three readings above the median of all of them, so a heap that
   *       ends higher fails even if the line missed it.
   * </ul>
   */
  record Flatness(
      double medianMb,
      double lastMedianMb,
      double slopeMbPerMinute,
      double growthMb,
      double toleranceMb,
      boolean flat) {
    static Flatness of(List<Double> atMinutes, List<Double> mb) {
      int n = mb.size();
      List<Double> slopes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double dt = atMinutes.get(j) - atMinutes.get(i);
          if (dt != 0) {
            slopes.add((mb.get(j) - mb.get(i)) / dt);
          }
        }
      }
      // one reading, or all at one moment: no line to fit
      double slope = slopes.isEmpty() ? 0 : median(slopes);
      double growth = slope * (atMinutes.getLast() - atMinutes.getFirst());
      double median = median(mb);
      double lastMedian = median(mb.subList(Math.max(0, n - 3), n));
      double tolerance = Math.max(MIN_MB, TOLERANCE * median);
      return new Flatness(
          median,
          lastMedian,
          slope,
          growth,
          tolerance,
          growth <= tolerance && lastMedian - median <= tolerance);
    }

    private static double median(List<Double> values) {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }

  /**
   * The outcome of a soak, as printed on the last line; {@code stackTraceLines} counts the lines of
   * stack traces in the server's whole log, its stop included.
   */
  record Result(
      int rate, List<Minute> minutes, long acknowledged, long stored, int stackTraceLines) {}

  static Result run(Options options) throws Exception {
    Templates templates = new Templates(PosthogBench.sample(TEMPLATES * 4));
    try (BenchData data = BenchData.create(options.databaseUrl())) {
      Result result;
      ServerProcess server = ServerProcess.start(IngestLoad.env(data, "10s"), data.dir, List.of());
      try (server;
          IngestLoad load = new IngestLoad(server.port)) {
        int rate = options.rate() > 0 ? options.rate() : (int) (0.7 * maximum(load, templates));
        System.out.printf(Locale.ROOT, "soak at %d events/s for %d min%n", rate, options.minutes());
        List<Minute> minutes = soak(server, load, templates, rate, options.minutes());
        result = new Result(rate, minutes, load.acknowledged(), 0, 0);
      }
      try (Storage storage = data.open()) {
        result =
            new Result(
                result.rate(),
                result.minutes(),
                result.acknowledged(),
                storage.countEvents(),
                server.stackTraceLines());
      }
      print(result);
      return result;
    }
  }

  /** Events per second the server takes flat out, after a warm-up of the same length. */
  private static double maximum(IngestLoad load, Templates templates) throws Exception {
    List<byte[]> warm = new ArrayList<>();
    List<byte[]> timed = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      (i < 100 ? warm : timed).add(templates.next());
    }
    load.send(warm);
    long t0 = System.nanoTime();
    load.send(timed);
    double rate = timed.size() * IngestLoad.BATCH / ((System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "maximum %.0f events/s%n", rate);
    return rate;
  }

  private static List<Minute> soak(
      ServerProcess server, IngestLoad load, Templates templates, int rate, int minutes)
      throws Exception {
    long intervalNs = (long) (1e9 * IngestLoad.BATCH * IngestLoad.CLIENTS / rate);
    long start = System.nanoTime();
    long end = start + minutes * 60_000_000_000L;
    Recorder ingest = new Recorder(minutes, start);
    Recorder reports = new Recorder(minutes, start);
    ExecutorService pool = Executors.newFixedThreadPool(IngestLoad.CLIENTS + 1);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int c = 0; c < IngestLoad.CLIENTS; c++) {
        int client = c;
        work.add(
            pool.submit(
                () -> {
                  long next = start + client * intervalNs / IngestLoad.CLIENTS;
                  while (next < end) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    byte[] body = templates.next();
                    ingest.add(System.nanoTime(), load.sendOne(client, body));
                    next += intervalNs;
                  }
                  return null;
                }));
      }
      work.add(pool.submit(() -> readReports(server.port, start, end, reports)));
      List<Minute> out = new ArrayList<>();
      for (int m = 0; m < minutes; m++) {
        LockSupport.parkNanos(start + (m + 1) * 60_000_000_000L - System.nanoTime());
        ServerProcess.Heap heap = server.heapAfterGc();
        double idleAt = (System.nanoTime() - start) / 60e9;
        out.add(
            new Minute(
                m + 1,
                ingest.quantile(m, 0.50),
                ingest.quantile(m, 0.99),
                reports.quantile(m, 0.99),
                heap.idle(),
                idleAt,
                heap.now(),
                heap.duringInference()));
        Minute last = out.getLast();
        System.out.printf(
            Locale.ROOT,
            "minute %d: ingest p50 %.1f ms, p99 %.1f ms; report p99 %.1f ms; heap after GC"
                + " between inferences %.1f MB (read at %.1f min), at the minute mark %.1f MB"
                + " (%s)%n",
            last.minute(),
            last.p50Ms(),
            last.p99Ms(),
            last.reportP99Ms(),
            last.heapIdleBytes() / 1e6,
            last.idleAtMinutes(),
            last.heapAtMarkBytes() / 1e6,
            last.duringInference() ? "during an inference" : "no inference running");
      }
      for (Future<?> f : work) {
        f.get();
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Void readReports(int port, long start, long end, Recorder reports)
      throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/reports/summary"))
              .header("Authorization", "Bearer " + IngestLoad.ADMIN)
              .build();
      for (long next = start; next < end; next += 1_000_000_000L) {
        LockSupport.parkNanos(next - System.nanoTime());
        long t = System.nanoTime();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException("/reports/summary answered " + r.statusCode());
        }
        reports.add(t, (System.nanoTime() - t) / 1e6);
      }
    }
    return null;
  }

  private static double mb(long bytes) {
    return Math.round(bytes / 1e5) / 10.0;
  }

  private static String met(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static void print(Result r) {
    Minute first = r.minutes().getFirst();
    Minute last = r.minutes().getLast();
    long lost = Math.max(0, r.acknowledged() - r.stored());
    double ratio = last.p99Ms() / first.p99Ms();
    Flatness heap =
        Flatness.of(
            r.minutes().stream().map(Minute::idleAtMinutes).toList(),
            r.minutes().stream().map(m -> m.heapIdleBytes() / 1e6).toList());
    double peak = r.minutes().stream().mapToLong(Minute::heapAtMarkBytes).max().orElse(0) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "acknowledged %d, stored %d, lost %d (goal 0: %s)%n"
            + "p99 last/first minute %.2f (goal at most %.1f: %s)%n"
            + "heap between inferences: median %.1f MB, median of the last 3 %.1f MB, fitted"
            + " growth %.2f MB over the run (%.3f MB/min); flat within %.1f MB (%.0f%% of the"
            + " median, at least %.0f MB): %s%n"
            + "heap at the minute marks: at most %.1f MB (%d of %d marks during an inference)%n"
            + "stack trace lines in the server's log, its stop included: %d (goal 0: %s)%n",
        r.acknowledged(),
        r.stored(),
        lost,
        met(lost == 0),
        ratio,
        P99_RATIO_GOAL,
        met(ratio <= P99_RATIO_GOAL),
        heap.medianMb(),
        heap.lastMedianMb(),
        heap.growthMb(),
        heap.slopeMbPerMinute(),
        heap.toleranceMb(),
        TOLERANCE * 100,
        MIN_MB,
        met(heap.flat()),
        peak,
        r.minutes().stream().filter(Minute::duringInference).count(),
        r.minutes().size(),
        r.stackTraceLines(),
        met(r.stackTraceLines() == 0));
    Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("rate_events_per_s", r.rate());
    json.put("minutes", r.minutes().size());
    json.put("p99_ms_per_minute", r.minutes().stream().map(Minute::p99Ms).toList());
    json.put("p50_ms_per_minute", r.minutes().stream().map(Minute::p50Ms).toList());
    json.put("p99_last_over_first", Math.round(ratio * 100) / 100.0);
    json.put(
        "heap_idle_mb_per_minute", r.minutes().stream().map(m -> mb(m.heapIdleBytes())).toList());
    json.put(
        "heap_idle_read_at_minutes",
        r.minutes().stream().map(m -> Math.round(m.idleAtMinutes() * 10) / 10.0).toList());
    json.put(
        "heap_at_mark_mb_per_minute",
        r.minutes().stream().map(m -> mb(m.heapAtMarkBytes())).toList());
    json.put(
        "heap_at_mark_during_inference",
        r.minutes().stream().map(Minute::duringInference).toList());
    json.put("heap_idle_growth_mb", Math.round(heap.growthMb() * 100) / 100.0);
    json.put("heap_tolerance_mb", Math.round(heap.toleranceMb() * 100) / 100.0);
    json.put("heap_flat", heap.flat());
    json.put("acknowledged", r.acknowledged());
    json.put("stored", r.stored());
    json.put("lost", lost);
    json.put("server_stack_trace_lines", r.stackTraceLines());
    System.out.println(Json.write(json));
  }

  /** Latencies bucketed by the minute they started in. */
  private static final class Recorder {
    private final List<List<Double>> perMinute = new ArrayList<>();
    private final long start;

    Recorder(int minutes, long start) {
      this.start = start;
      for (int m = 0; m < minutes; m++) {
        perMinute.add(new ArrayList<>());
      }
    }

    synchronized void add(long startedAt, double ms) {
      int minute = (int) ((startedAt - start) / 60_000_000_000L);
      perMinute.get(Math.min(perMinute.size() - 1, Math.max(0, minute))).add(ms);
    }

    synchronized double quantile(int minute, double q) {
      double[] sorted = perMinute.get(minute).stream().mapToDouble(Double::doubleValue).toArray();
      if (sorted.length == 0) {
        return Double.NaN;
      }
      Arrays.sort(sorted);
      return IngestLoad.quantile(sorted, q);
    }
  }

  /**
   * Request bodies from a fixed set of sample runs, replayed pass after pass. Each pass stands for
   * new users: its events carry actor, machine and session ids of their own ({@code ~p<pass>}
   * appended), and every event a fresh id, so every event sent is a new one the server must store,
   * and a pass adds sessions rather than growing the earlier passes' sessions without end (as when
   * the same few dozen actors ran thousands of commands at the same instants).
   */
  static final class Templates {
    private static final List<String> IDENTITY = List.of("actor_id", "machine_id", "session_hint");

    private final String[] events;
    private final String[][] ids;
    private int next;

    Templates(List<Map<String, Object>> runs) {
      events = new String[runs.size()];
      ids = new String[runs.size()][];
      for (int i = 0; i < events.length; i++) {
        Map<String, Object> run = new java.util.LinkedHashMap<>(runs.get(i));
        run.remove("event_id");
        ids[i] = new String[IDENTITY.size()];
        for (int k = 0; k < IDENTITY.size(); k++) {
          Object id = run.remove(IDENTITY.get(k));
          ids[i][k] = id == null ? null : id.toString();
        }
        events[i] = Json.write(run).substring(1);
      }
    }

    synchronized byte[] next() {
      StringBuilder body = new StringBuilder(IngestLoad.BATCH * 400).append("{\"events\":[");
      for (int i = 0; i < IngestLoad.BATCH; i++) {
        if (i > 0) {
          body.append(',');
        }
        int template = next % events.length;
        int pass = next++ / events.length;
        body.append("{\"event_id\":\"").append(UUID.randomUUID()).append("\",");
        for (int k = 0; k < IDENTITY.size(); k++) {
          String id = ids[template][k];
          if (id != null) {
            String field = Json.write(Map.of(IDENTITY.get(k), id + "~p" + pass));
            body.append(field, 1, field.length() - 1).append(',');
          }
        }
        body.append(events[template]);
      }
      return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
