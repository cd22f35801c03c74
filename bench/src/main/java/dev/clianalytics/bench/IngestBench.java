package dev.clianalytics.bench;

import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code ingest [--database-url URL] [--events N] [--jfr FILE] [--discard]}: N sample runs posted
 * to {@code /ingest} of a real server in a child process ({@link IngestLoad}: 500-event batches
 * over 4 keep-alive connections). The first quarter warms the server up; the rest is timed. Prints
 * events/s, the 99th percentile batch latency and the server's own CPU microseconds per event; on
 * PostgreSQL also a COPY of the same stored rows into a table with the same columns and indexes, in
 * the same run, and the ratio of the two; on ClickHouse a bulk insert of the same stored rows into
 * tables like the events tables plays COPY's part. {@code --jfr FILE} records the server with JDK
 * Flight Recorder. {@code --discard} (embedded database only) gives the server a storage that keeps
 * nothing ({@link DiscardingStorage}): the ceiling the server and the load generator reach on this
 * machine without any database.
 */
final class IngestBench {
  private static final int COPY_ROUNDS = 3;

  private IngestBench() {}

  record Options(String databaseUrl, int events, String jfr, boolean discard) {
    static Options parse(String[] args) {
      List<String> rest = new ArrayList<>();
      String jfr = null;
      boolean discard = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--jfr") && i + 1 < args.length) {
          jfr = args[++i];
        } else if (args[i].equals("--discard")) {
          discard = true;
        } else {
          rest.add(args[i]);
        }
      }
      List<String> withDefault = new ArrayList<>(List.of("--events", "400000"));
      withDefault.addAll(rest);
      BenchArgs b = BenchArgs.parse(withDefault.toArray(String[]::new));
      if (discard && b.databaseUrl() != null) {
        throw new IllegalArgumentException("--discard runs on the embedded database only");
      }
      return new Options(b.databaseUrl(), b.events(), jfr, discard);
    }

    List<String> jvmOptions() {
      return jfr == null
          ? List.of()
          : List.of(
              // deep enough for the whole Jetty, Javalin and virtual-thread stack of a request
              "-XX:FlightRecorderOptions:stackdepth=512",
              "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
    }
  }

  static void run(Options options) throws Exception {
    List<byte[]> bodies = IngestLoad.bodies(options.events());
    int events = options.events();
    int warm = bodies.size() / 4;
    int timedEvents = events - warm * IngestLoad.BATCH;
    try (BenchData data = BenchData.create(options.databaseUrl())) {
      double seconds;
      double[] ms;
      double cpuUs;
      Map<String, String> env = new HashMap<>(IngestLoad.env(data, "0"));
      if (options.discard()) {
        env.put(ServerChild.DISCARD, "1");
      }
      try (ServerProcess server = ServerProcess.start(env, data.dir, options.jvmOptions());
          IngestLoad load = new IngestLoad(server.port)) {
        load.send(bodies.subList(0, warm));
        long cpu0 = server.cpu().toNanos();
        long t0 = System.nanoTime();
        ms = load.send(bodies.subList(warm, bodies.size()));
        seconds = (System.nanoTime() - t0) / 1e9;
        cpuUs = (server.cpu().toNanos() - cpu0) / 1e3 / timedEvents;
      }
      long stored;
      try (Storage storage = data.open()) {
        stored = storage.countEvents();
      }
      if (options.discard()) {
        printCeiling(timedEvents, warm * IngestLoad.BATCH, seconds, ms, cpuUs, stored);
        return;
      }
      if (stored != events) {
        throw new IllegalStateException(events + " events acknowledged but " + stored + " stored");
      }
      double rate = timedEvents / seconds;
      String storageName =
          data.url == null ? "duckdb" : data.postgres() ? "postgres" : "clickhouse";
      double copy =
          data.url == null
              ? Double.NaN
              : data.postgres()
                  ? copy(data.url, timedEvents, true)
                  : bulkInsert(data.url, timedEvents);
      double loggedCopy =
          data.url != null && data.postgres() ? copy(data.url, timedEvents, false) : Double.NaN;
      System.out.printf(
          Locale.ROOT,
          "%s: %d events timed (after %d warm-up) in %.2f s%n"
              + "events_per_s %.0f%ncopy_events_per_s %s%nratio_to_copy %s%n"
              + "logged_copy_events_per_s %s%nratio_to_logged_copy %s%n"
              + "p99_batch_ms %.1f%ncpu_us_per_event %.1f%n",
          storageName,
          timedEvents,
          warm * IngestLoad.BATCH,
          seconds,
          rate,
          number(copy, "%.0f"),
          number(rate / copy, "%.2f"),
          number(loggedCopy, "%.0f"),
          number(rate / loggedCopy, "%.2f"),
          IngestLoad.quantile(ms, 0.99),
          cpuUs);
      System.out.printf(
          Locale.ROOT,
          "{\"storage\":\"%s\",\"events\":%d,\"batch\":%d,\"connections\":%d,\"events_per_s\":%.0f,"
              + "\"copy_events_per_s\":%s,\"ratio_to_copy\":%s,\"logged_copy_events_per_s\":%s,"
              + "\"ratio_to_logged_copy\":%s,\"p99_batch_ms\":%.1f,"
              + "\"cpu_us_per_event\":%.1f,\"stored\":%d}%n",
          storageName,
          timedEvents,
          IngestLoad.BATCH,
          IngestLoad.CLIENTS,
          rate,
          number(copy, "%.0f"),
          number(rate / copy, "%.3f"),
          number(loggedCopy, "%.0f"),
          number(rate / loggedCopy, "%.3f"),
          IngestLoad.quantile(ms, 0.99),
          cpuUs,
          stored);
    }
  }

  /**
   * {@code --discard}: the ceiling, what the server and the load generator reach on this machine
   * when the storage keeps nothing (so nothing is stored, and there is no reference to compare).
   */
  private static void printCeiling(
      int timedEvents, int warmEvents, double seconds, double[] ms, double cpuUs, long stored) {
    if (stored != 0) {
      throw new IllegalStateException(stored + " events stored by a storage that keeps none");
    }
    System.out.printf(
        Locale.ROOT,
        "discard (no storage): %d events timed (after %d warm-up) in %.2f s%n"
            + "events_per_s %.0f%np99_batch_ms %.1f%ncpu_us_per_event %.1f%n",
        timedEvents,
        warmEvents,
        seconds,
        timedEvents / seconds,
        IngestLoad.quantile(ms, 0.99),
        cpuUs);
    System.out.printf(
        Locale.ROOT,
        "{\"storage\":\"discard\",\"events\":%d,\"batch\":%d,\"connections\":%d,"
            + "\"events_per_s\":%.0f,\"p99_batch_ms\":%.1f,\"cpu_us_per_event\":%.1f}%n",
        timedEvents,
        IngestLoad.BATCH,
        IngestLoad.CLIENTS,
        timedEvents / seconds,
        IngestLoad.quantile(ms, 0.99),
        cpuUs);
  }

  /**
   * ClickHouse's counterpart of {@link #copy}: rows per second for one bulk insert of the last
   * {@code rows} stored rows into empty tables like {@code events} and {@code event_ids} (same
   * columns, engines and ordering keys), both inserts timed: the median of {@link #COPY_ROUNDS}
   * rounds. The rows go in as TabSeparated, the format they were read in.
   */
  private static double bulkInsert(String url, int rows) throws Exception {
    String last = " ORDER BY seq DESC LIMIT " + rows + " FORMAT TabSeparated";
    byte[] events = BenchClickHouse.post(url, "SELECT * FROM events" + last, new byte[0]);
    byte[] ids = BenchClickHouse.post(url, "SELECT * FROM event_ids" + last, new byte[0]);
    double[] rates = new double[COPY_ROUNDS];
    for (int i = 0; i < COPY_ROUNDS; i++) {
      BenchClickHouse.execute(url, "DROP TABLE IF EXISTS copy_events");
      BenchClickHouse.execute(url, "DROP TABLE IF EXISTS copy_event_ids");
      BenchClickHouse.execute(url, "CREATE TABLE copy_events AS events");
      BenchClickHouse.execute(url, "CREATE TABLE copy_event_ids AS event_ids");
      long start = System.nanoTime();
      BenchClickHouse.post(url, "INSERT INTO copy_events FORMAT TabSeparated", events);
      BenchClickHouse.post(url, "INSERT INTO copy_event_ids FORMAT TabSeparated", ids);
      rates[i] = rows / ((System.nanoTime() - start) / 1e9);
    }
    BenchClickHouse.execute(url, "DROP TABLE IF EXISTS copy_events");
    BenchClickHouse.execute(url, "DROP TABLE IF EXISTS copy_event_ids");
    Arrays.sort(rates);
    return rates[COPY_ROUNDS / 2];
  }

  private static String number(double value, String format) {
    return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, format, value);
  }

  /**
   * Rows per second for a COPY of the last {@code rows} stored rows into an empty table like the
   * events table (same columns and indexes): the median of {@link #COPY_ROUNDS} rounds. A {@code
   * temporary} table writes no write-ahead log; the other kind writes it as {@code events} does.
   */
  private static double copy(String url, int rows, boolean temporary) throws Exception {
    double[] rates = new double[COPY_ROUNDS];
    try (Connection c = DatabaseUrl.parse(url).connect()) {
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      copy.copyOut(
          "COPY (SELECT * FROM events ORDER BY seq DESC LIMIT " + rows + ") TO STDOUT", out);
      byte[] stored = out.toByteArray();
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS copy_reference");
        s.execute(
            "CREATE "
                + (temporary ? "TEMP " : "")
                + "TABLE copy_reference (LIKE events INCLUDING ALL)");
      }
      c.commit();
      for (int i = 0; i < COPY_ROUNDS; i++) {
        try (Statement s = c.createStatement()) {
          s.execute("TRUNCATE copy_reference");
        }
        c.commit();
        long start = System.nanoTime();
        copy.copyIn("COPY copy_reference FROM STDIN", new ByteArrayInputStream(stored));
        c.commit();
        rates[i] = rows / ((System.nanoTime() - start) / 1e9);
      }
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE copy_reference");
      }
      c.commit();
    }
    Arrays.sort(rates);
    return rates[COPY_ROUNDS / 2];
  }
}
