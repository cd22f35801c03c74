package dev.clianalytics.server.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Events;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.jdbc.SqlRows;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression: inference on PostgreSQL read {@code max(seq)} in its own transaction, so a batch that
 * had drawn lower seqs but committed after a later batch was passed over by the mark and never
 * inferred (seen as 100 events missing in {@code PostgresConcurrentInferenceTest}).
 */
class PostgresInferenceMarkTest {

  @Test
  @Timeout(60)
  void inference_waitsForABatchThatDrewLowerSeqs_andInfersItsEvents() throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (TestPostgres pg = TestPostgres.create(PostgresInferenceMarkTest.class);
        Storage storage = Storages.open(pg.databaseUrl(), Path.of("."));
        Connection slow = pg.connect()) {
      storage.migrate();
      InferenceService service =
          new InferenceService(
              new Database(storage),
              InferenceOptions.defaults(),
              Clock.fixed(Events.T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));
      slow.setAutoCommit(false);
      // An ingest batch in flight, as PostgresStorage.insertEvents runs it: seq drawn, no commit.
      PostgresStorage.lock(slow, PostgresStorage.SEQ_LOCK, "10s", true);
      PostgresCopy.insert(slow, List.of(Events.minimal("a", Events.T0)), Events.T0);
      storage.insertEvents(List.of(Events.minimal("b", Events.T0)), Events.T0);

      Future<?> inference = thread.submit(() -> service.run(false));
      try (Connection observer = pg.connect()) {
        awaitLockWait(observer, inference);
      }
      slow.commit();
      inference.get(30, TimeUnit.SECONDS);
      service.run(false);

      long counted =
          storage
              .inference()
              .read(
                  c ->
                      c.list(
                              "SELECT coalesce(sum(events), 0) FROM event_counts",
                              List.of(),
                              rs -> rs.getLong(1))
                          .getFirst());
      assertEquals(2, counted);
    } finally {
      thread.shutdownNow();
    }
  }

  /**
   * Waits until a backend of this database waits for a lock in {@code pg_locks} (the inference
   * behind the uncommitted batch); fails if the inference finishes without ever waiting.
   */
  private static void awaitLockWait(Connection observer, Future<?> inference) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      long waiting =
          SqlRows.queryLong(
              observer,
              "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                  + " WHERE NOT l.granted AND a.datname = current_database()");
      if (waiting > 0) {
        return;
      }
      if (inference.isDone()) {
        fail("inference finished without waiting for the batch that drew lower seqs");
      }
      Thread.sleep(10);
    }
    fail("no inference waited on a lock within 20 s");
  }
}
