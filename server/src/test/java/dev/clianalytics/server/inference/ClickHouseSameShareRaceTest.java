package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.InferPartition;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.clickhouse.ClickHouseStorage;
import dev.clianalytics.server.storage.clickhouse.ClickHouseUrl;
import dev.clianalytics.server.testing.TestClickHouse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two instances given the same {@code INFER_PARTITION} share infer it at the same moment: both read
 * the same state and write their rows before either commits. The views still show the rows of one
 * full recomputation (docs/scaling-out.md, "Several instances inferring").
 */
class ClickHouseSameShareRaceTest {
  private static final Instant NOW = Instant.parse("2026-11-02T06:00:00Z");

  @Test
  void sameShareInferredTwiceAtOnce_showsTheRowsOfOneFullRecomputation() throws Exception {
    List<Event> events = new ArrayList<>();
    for (Map<String, Object> raw :
        new SampleGenerator(new SampleOptions(1_500, 10, 10, 11, LocalDate.of(2026, 11, 1)))
            .generate()) {
      if (EventValidator.validate(raw, NOW) instanceof Validation.Valid(Event e)) {
        events.add(e.eventId() == null ? e.withEventId(UUID.randomUUID()) : e);
      }
    }
    try (TestClickHouse ch = TestClickHouse.create(ClickHouseSameShareRaceTest.class);
        ClickHouseStorage whole = open(ch, InferPartition.ALL);
        ClickHouseStorage first = open(ch, new InferPartition(0, 2));
        ClickHouseStorage again = open(ch, new InferPartition(0, 2));
        ClickHouseStorage other = open(ch, new InferPartition(1, 2))) {
      whole.migrate();
      int half = events.size() / 2;
      whole.insertEvents(events.subList(0, half), NOW);
      service(first).run(false);
      service(other).run(false);
      whole.insertEvents(events.subList(half, events.size()), NOW);

      // both instances of share 0 have read the same state and written their rows when the
      // barrier lets them commit
      CyclicBarrier bothWritten = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<InferenceRun>> runs = new ArrayList<>();
        for (ClickHouseStorage s : List.of(first, again)) {
          runs.add(pool.submit(() -> service(holdingCommit(s, bothWritten)).run(false)));
        }
        for (Future<InferenceRun> run : runs) {
          assertTrue(run.get().eventsProcessed() > 0, "an incremental run of the new events");
        }
      } finally {
        pool.shutdownNow();
      }
      service(other).run(false);

      var shares = DerivedSnapshot.of(whole);
      service(whole).run(true);
      var full = DerivedSnapshot.of(whole);
      assertEquals("", DerivedSnapshot.diff(full, shares), "full recomputation vs the shares");
      assertEquals(full, shares);
    }
  }

  private static ClickHouseStorage open(TestClickHouse ch, InferPartition share) {
    return ClickHouseStorage.open(ClickHouseUrl.parse(ch.databaseUrl()), null, share);
  }

  private static InferenceService service(Storage storage) {
    return new InferenceService(
        new Database(storage), InferenceOptions.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** {@code storage}, whose inferences wait at {@code barrier} after their work, before commit. */
  private static Storage holdingCommit(Storage storage, CyclicBarrier barrier) {
    return InterceptedInference.of(
        storage,
        (store, work) ->
            store.exclusively(
                tx -> {
                  Object result = work.run(tx);
                  await(barrier);
                  return result;
                }));
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
