package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Prints how fast one storage ingests 10,000-event batches (a measurement, not a test): {@code java
 * -cp <test classpath> dev.clianalytics.server.storage.IngestThroughput [DATABASE_URL]}. With no
 * URL it measures the embedded database in a temporary directory. Each batch is new events, so
 * every row is really inserted.
 */
final class IngestThroughput {
  private static final int BATCH = 10_000;
  private static final int WARMUP = 3;
  private static final int MEASURED = 5;

  private IngestThroughput() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : null;
    Path dir = Files.createTempDirectory("ingest-throughput");
    try (Storage storage = Storages.open(url, dir)) {
      storage.migrate();
      for (int i = 0; i < WARMUP; i++) {
        storage.insertEvents(Events.many(BATCH, "warm-", 100), Instant.now());
      }
      long best = Long.MAX_VALUE;
      long total = 0;
      for (int i = 0; i < MEASURED; i++) {
        List<Event> batch = Events.many(BATCH, "actor-" + i + "-", 100);
        long start = System.nanoTime();
        storage.insertEvents(batch, Instant.now());
        long took = System.nanoTime() - start;
        best = Math.min(best, took);
        total += took;
      }
      System.out.printf(
          Locale.ROOT,
          "{\"storage\":\"%s\",\"batch\":%d,\"batches\":%d,\"mean_events_per_s\":%.0f,"
              + "\"best_events_per_s\":%.0f,\"mean_batch_ms\":%.1f}%n",
          url == null ? "duckdb" : "postgres",
          BATCH,
          MEASURED,
          BATCH * MEASURED / (total / 1e9),
          BATCH / (best / 1e9),
          total / 1e6 / MEASURED);
    }
  }
}
