package dev.clianalytics.bench;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code storage-ingest [--database-url URL]}: how fast one storage stores 10,000-event batches
 * through {@link Storage#insertEvents}, below HTTP (no parsing, validation or privacy rules). "new"
 * batches hold only new event ids; "with_duplicate" batches repeat one stored id, which on
 * PostgreSQL takes the staging-table path instead of the direct COPY. On PostgreSQL the reference
 * is a plain COPY of the same stored rows into a table with the same columns and indexes.
 */
final class StorageIngestBench {
  private static final int BATCH = 10_000;
  private static final int WARMUP = 3;
  private static final int MEASURED = 7;

  private StorageIngestBench() {}

  static void run(String[] args) throws Exception {
    String url = null;
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].equals("--database-url") || i + 1 == args.length) {
        throw new IllegalArgumentException("storage-ingest takes only --database-url URL");
      }
      url = args[i + 1].equals("duckdb") ? null : args[i + 1];
    }
    Path dir = Files.createTempDirectory("storage-ingest");
    try (Storage storage = Storages.open(url, dir)) {
      storage.migrate();
      Event stored = BenchEvents.full("seed", BenchEvents.T0);
      storage.insertEvents(List.of(stored), Instant.now());
      for (int i = 0; i < WARMUP; i++) {
        storage.insertEvents(BenchEvents.many(BATCH, "warm-", 100), Instant.now());
      }
      String fresh = measure(storage, "new", null);
      String dup = measure(storage, "with_duplicate", stored);
      String concurrent = concurrent(storage);
      String copy = url == null ? "\"copy_events_per_s\":null" : copy(url);
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
      List<Event> batch = new ArrayList<>(BenchEvents.many(BATCH, name + i + "-", 100));
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

  /** 4 threads, each inserting 40 batches of 500 new events. */
  private static String concurrent(Storage storage) throws Exception {
    int threads = 4;
    int batches = 40;
    int size = 500;
    List<List<List<Event>>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<List<Event>> mine = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        mine.add(BenchEvents.many(size, "c" + t + "-" + b + "-", 10));
      }
      work.add(mine);
    }
    long start = System.nanoTime();
    BenchEvents.concurrently(
        threads,
        t -> {
          work.get(t).forEach(batch -> storage.insertEvents(batch, Instant.now()));
          return t;
        });
    double seconds = (System.nanoTime() - start) / 1e9;
    return String.format(
        Locale.ROOT, "\"concurrent_4x500_events_per_s\":%.0f", threads * batches * size / seconds);
  }

  /** The reference: the stored rows COPYed out, then COPYed into a copy of the events table. */
  private static String copy(String url) throws Exception {
    long total = 0;
    try (Connection c = DatabaseUrl.parse(url).connect()) {
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      ByteArrayOutputStream rows = new ByteArrayOutputStream();
      copy.copyOut(
          "COPY (SELECT * FROM events ORDER BY seq DESC LIMIT " + BATCH + ") TO STDOUT", rows);
      byte[] batch = rows.toByteArray();
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE copy_reference (LIKE events INCLUDING ALL)");
      }
      for (int i = 0; i < WARMUP + MEASURED; i++) {
        try (Statement s = c.createStatement()) {
          s.execute("TRUNCATE copy_reference");
        }
        long start = System.nanoTime();
        copy.copyIn("COPY copy_reference FROM STDIN", new ByteArrayInputStream(batch));
        c.commit();
        if (i >= WARMUP) {
          total += System.nanoTime() - start;
        }
      }
    }
    return String.format(
        Locale.ROOT, "\"copy_events_per_s\":%.0f", BATCH * MEASURED / (total / 1e9));
  }
}
