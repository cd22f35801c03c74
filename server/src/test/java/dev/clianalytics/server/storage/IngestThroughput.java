package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints how fast one storage ingests 10,000-event batches (a measurement, not a test): {@code java
 * -cp <test classpath> dev.clianalytics.server.storage.IngestThroughput [DATABASE_URL]}. With no
 * URL it measures the embedded database in a temporary directory. "new" batches hold only new event
 * ids; "with_duplicate" batches repeat one already stored id, which on PostgreSQL takes the
 * staging-table path instead of the direct COPY.
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
      System.out.printf(
          Locale.ROOT,
          "{\"storage\":\"%s\",\"batch\":%d,\"batches\":%d,%s,%s}%n",
          url == null ? "duckdb" : "postgres",
          BATCH,
          MEASURED,
          fresh,
          dup);
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
}
