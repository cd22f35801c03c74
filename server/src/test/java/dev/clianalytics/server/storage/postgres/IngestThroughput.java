package dev.clianalytics.server.storage.postgres;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.Concurrently;
import dev.clianalytics.server.storage.Events;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.Storages;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Prints how fast one storage ingests 10,000-event batches (a measurement, not a test): {@code java
 * -cp <test classpath> dev.clianalytics.server.storage.postgres.IngestThroughput [DATABASE_URL]}.
 * With no URL it measures the embedded database in a temporary directory. "new" batches hold only
 * new event ids; "with_duplicate" batches repeat one already stored id, which on PostgreSQL takes
 * the staging-table path instead of the direct COPY.
 */
final class IngestThroughput {
  private static final int BATCH = 10_000;
  private static final int WARMUP = 3;
  private static final int MEASURED = 7;

  private IngestThroughput() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : null;
    Path dir = Files.createTempDirectory("ingest-throughput");
    try (Storage storage = Storages.open(url, dir)) {
      storage.migrate();
      Event stored = Events.full("seed", Events.T0);
      storage.insertEvents(List.of(stored), Instant.now());
      for (int i = 0; i < WARMUP; i++) {
        storage.insertEvents(Events.many(BATCH, "warm-", 100), Instant.now());
      }
      String fresh = measure(storage, "new", null);
      String dup = measure(storage, "with_duplicate", stored);
      String concurrent = concurrent(storage);
      String copy = url == null ? "\"raw_copy_events_per_s\":null" : rawCopy(url);
      System.out.printf(
          Locale.ROOT,
          "{\"storage\":\"%s\",\"batch\":%d,\"batches\":%d,%s,%s,%s,%s}%n",
          url == null ? "duckdb" : "postgres",
          BATCH,
          MEASURED,
          fresh,
          dup,
          concurrent,
          copy);
    }
  }

  private static String measure(Storage storage, String name, Event duplicate) {
    long best = Long.MAX_VALUE;
    long total = 0;
    for (int i = 0; i < MEASURED; i++) {
      List<Event> batch = new ArrayList<>(Events.many(BATCH, name + i + "-", 100));
      if (duplicate != null) {
        batch.set(BATCH / 2, duplicate);
      }
      long start = System.nanoTime();
      storage.insertEvents(batch, Instant.now());
      long took = System.nanoTime() - start;
      best = Math.min(best, took);
      total += took;
    }
    return String.format(
        Locale.ROOT,
        "\"%s_mean_events_per_s\":%.0f,\"%s_best_events_per_s\":%.0f",
        name,
        BATCH * MEASURED / (total / 1e9),
        name,
        BATCH / (best / 1e9));
  }

  /** 4 threads, each inserting 40 batches of 500 new events, as the HTTP load generator does. */
  private static String concurrent(Storage storage) throws Exception {
    int threads = 4;
    int batches = 40;
    int size = 500;
    List<List<List<Event>>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<List<Event>> mine = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        mine.add(Events.many(size, "c" + t + "-" + b + "-", 10));
      }
      work.add(mine);
    }
    long start = System.nanoTime();
    Concurrently.run(
        threads,
        t -> {
          work.get(t).forEach(batch -> storage.insertEvents(batch, Instant.now()));
          return t;
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    return String.format(
        Locale.ROOT, "\"concurrent_4x500_events_per_s\":%.0f", threads * batches * size / seconds);
  }

  /** The baseline: the same kind of rows COPYed straight into events on one connection. */
  private static String rawCopy(String url) throws Exception {
    long total = 0;
    try (Connection c = DatabaseUrl.parse(url).connect()) {
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      String received = CopyCsv.timestamp(new StringBuilder(), Instant.now()).toString();
      for (int i = 0; i < WARMUP + MEASURED; i++) {
        List<Event> batch = Events.many(BATCH, "raw" + i + "-", 100);
        long start = System.nanoTime();
        StringBuilder csv = new StringBuilder();
        for (int r = 0; r < batch.size(); r++) {
          CopyCsv.row(csv, batch.get(r), received, r, false);
        }
        copy.copyIn(
            "COPY events (event_id, received_at, ts, tool_name, tool_version, command_path,"
                + " flags_present, exit_code, duration_ms, error_type, error_message, actor_id,"
                + " machine_id, session_hint, ci_detected) FROM STDIN (FORMAT csv)",
            new StringReader(csv.toString()));
        c.commit();
        if (i >= WARMUP) {
          total += System.nanoTime() - start;
        }
      }
    }
    return String.format(
        Locale.ROOT, "\"raw_copy_events_per_s\":%.0f", BATCH * MEASURED / (total / 1e9));
  }
}
