package dev.clianalytics.bench;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.Storage.InsertResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code pooler-check URL}: exercises every storage operation through a transaction-mode pooler
 * such as PgBouncer or the Supabase pooler, printing one OK/FAIL line each and exiting 1 on any
 * failure (see docs/storage.md, "Poolers"). The contract tests cannot run there: they isolate
 * themselves with per-test schemas, which poolers do not pass on.
 */
final class PoolerCheck {
  private boolean failed;

  private PoolerCheck() {}

  static void run(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("pooler-check needs one argument, the DATABASE_URL");
    }
    String url = args[0];
    PoolerCheck check = new PoolerCheck();
    BenchEvents.concurrently(
        3,
        t -> {
          try (Storage s = Storages.open(url, Path.of("unused"))) {
            s.migrate();
          }
          return t;
        });
    check.check(true, "3 concurrent migrate() calls");
    try (Storage s = Storages.open(url, Path.of("unused"))) {
      check.run(s);
    }
    System.exit(check.failed ? 1 : 0);
  }

  private void run(Storage s) throws Exception {
    long before = s.countEvents();
    List<Event> fresh = BenchEvents.many(10_000, "pooler-", 20);
    InsertResult r1 = s.insertEvents(fresh, Instant.now());
    check(r1.equals(new InsertResult(10_000, 0)), "10,000 new events (direct COPY) " + r1);
    List<Event> mixed = new ArrayList<>(fresh.subList(0, 100));
    Event once = BenchEvents.full("pooler-erase", BenchEvents.T0);
    mixed.add(once);
    mixed.add(once);
    InsertResult r2 = s.insertEvents(mixed, Instant.now());
    check(r2.equals(new InsertResult(1, 101)), "batch with duplicates (staging table) " + r2);
    List<Integer> accepted =
        BenchEvents.concurrently(
            4,
            t -> {
              int n = 0;
              for (int b = 0; b < 20; b++) {
                n +=
                    s.insertEvents(BenchEvents.many(500, "p" + t + b + "-", 5), Instant.now())
                        .accepted();
              }
              return n;
            });
    int total = accepted.stream().mapToInt(Integer::intValue).sum();
    check(total == 40_000, "4 threads x 20 batches of 500: " + total + " accepted");
    long count = s.countEvents();
    check(count - before == 50_001, "countEvents grew by " + (count - before));
    long scanned = s.forEachEvent(0, s.lastSeq(), e -> {});
    check(scanned == count, "forEachEvent streamed " + scanned + " of " + count);
    s.insertDocument(Map.of("kind", "pooler-check"), Instant.now());
    check(s.rows(10, 0).size() == 10, "rows page of 10");
    check(s.deleteActor("pooler-erase") == 1, "deleteActor");
    s.ping();
    check(true, "ping; pool " + s.poolStats());
  }

  private void check(boolean ok, String what) {
    failed |= !ok;
    System.out.println((ok ? "OK   " : "FAIL ") + what);
  }
}
