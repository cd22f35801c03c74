package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.session.Recompute;
import dev.clianalytics.core.session.SessionKey;
import dev.clianalytics.core.session.SessionSpan;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.InferenceState;
import dev.clianalytics.server.storage.InferenceTx;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.Storage.StoredEvent;
import dev.clianalytics.server.storage.derived.EventCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inference store contract, run against PostgreSQL and DuckDB: each range query of {@link
 * dev.clianalytics.server.storage.InferenceTx} on its own, derived rows following erasure and
 * retention, and an inference committing all or nothing.
 */
abstract class InferenceStoreContract {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  static final List<String> TABLES =
      List.of(
          "sessions",
          "workflow_runs",
          "session_recovery",
          "event_counts",
          "error_counts",
          "platform_counts",
          "path_actors");

  private Storage storage;
  private InferenceService service;

  /** A fresh, migrated storage. */
  protected abstract Storage openStorage();

  @BeforeEach
  void open() {
    storage = openStorage();
    service =
        new InferenceService(
            new Database(storage),
            InferenceOptions.defaults(),
            Clock.fixed(T.plus(Duration.ofDays(1)), ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    // null when the set-up was skipped (PostgreSQL tests without TEST_DATABASE_URL)
    if (storage != null) {
      storage.close();
    }
  }

  static Event event(String actor, int minute, String command, int exit) {
    String[] path = command.split(" ");
    return new Event(
        T.plusSeconds(60L * minute),
        path[0],
        "1.0",
        List.of(path),
        List.of(),
        exit,
        10L,
        exit == 0 ? null : "Boom",
        null,
        actor,
        null,
        null,
        false,
        UUID.randomUUID());
  }

  private void twoActorsInferred() {
    storage.insertEvents(
        List.of(
            event("a", 0, "terraform plan", 0),
            event("a", 1, "terraform apply", 1),
            event("a", 2, "terraform apply", 0),
            event("b", 0, "terraform plan", 0),
            event("b", 1, "terraform apply", 1)),
        T);
    service.run(false);
  }

  private long rows(String table, String actor) {
    return storage
        .inference()
        .read(
            c ->
                c.list(
                        "SELECT count(*) FROM " + table + " WHERE actor_id = ?",
                        List.of(actor),
                        rs -> rs.getLong(1))
                    .getFirst());
  }

  @Test
  void deleteActor_removesTheActorsDerivedRowsOnly() {
    twoActorsInferred();

    storage.deleteActor("a");

    for (String table : TABLES) {
      assertEquals(0, rows(table, "a"), table);
      assertTrue(rows(table, "b") > 0, table);
    }
  }

  @Test
  void deleteActor_leavesTheTablesAFullRecomputationWouldGive() {
    twoActorsInferred();

    storage.deleteActor("a");
    var afterErasure = DerivedSnapshot.of(storage);
    service.run(true);

    assertEquals(DerivedSnapshot.of(storage), afterErasure);
  }

  @Test
  void deleteEventsBefore_removesDerivedRowsOfSessionsThatEndedBefore() {
    twoActorsInferred();

    storage.deleteEventsBefore(T.plus(Duration.ofDays(1)));

    for (String table : TABLES) {
      assertEquals(0, rows(table, "a") + rows(table, "b"), table);
    }
  }

  @Test
  void inference_advancesTheMarkAndGeneration() {
    twoActorsInferred();

    InferenceState state = storage.inference().exclusively(tx -> tx.state());

    assertEquals(storage.lastSeq(), state.lastSeq());
    assertEquals(1, state.generation());
    assertEquals(event("a", 2, "x", 0).timestamp(), state.horizon());
  }

  @Test
  void fullInference_moreCountKeysThanAnEarlyWrite_countsEveryEventOnce() {
    // 40 actors with an event a day for 300 days: 12,000 daily-count keys, more than one early
    // write holds, so the counts of finished actors are written during the scan
    List<Event> events = new ArrayList<>();
    for (int a = 0; a < 40; a++) {
      for (int day = 1; day <= 300; day++) {
        events.add(event("actor-" + a, -day * 24 * 60, "terraform plan", day % 7 == 0 ? 1 : 0));
      }
    }
    for (int from = 0; from < events.size(); from += 2_000) {
      storage.insertEvents(events.subList(from, from + 2_000), T);
    }

    service.run(true);

    List<Long> sums =
        storage
            .inference()
            .read(
                c ->
                    c.list(
                        "SELECT sum(events), count(*), sum(failures) FROM event_counts",
                        List.of(),
                        rs -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))))
            .getFirst();
    assertEquals(List.of(12_000L, 12_000L, 40L * (300 / 7)), sums);
  }

  @Test
  void exclusively_workThatThrows_leavesNothingBehind() {
    storage.insertEvents(List.of(event("a", 0, "terraform plan", 0)), T);

    assertThrows(
        IllegalStateException.class,
        () ->
            storage
                .inference()
                .exclusively(
                    tx -> {
                      tx.replaceAllDerived();
                      EventCounts counts = new EventCounts();
                      tx.forEachEvent(0, tx.lastSeq(), counts::add);
                      tx.count(counts);
                      tx.finish(tx.lastSeq(), T, "x");
                      throw new IllegalStateException("boom");
                    }));

    assertEquals(0, rows("event_counts", "a"));
    assertEquals(0L, storage.inference().exclusively(tx -> tx.state()).lastSeq());
  }

  /** The seqs of the stored events, in arrival order. */
  private List<Long> seqs() {
    return storage.events(0, 1_000).stream().map(StoredEvent::seq).toList();
  }

  private static String describe(Event e) {
    return e.actorId() + "@" + Duration.between(T, e.timestamp()).toMinutes();
  }

  /** What {@code scan} streams to its sink inside one inference, as "actor@minute". */
  private List<String> scanned(BiConsumer<InferenceTx, Consumer<Event>> scan) {
    List<Event> out = new ArrayList<>();
    storage
        .inference()
        .exclusively(
            tx -> {
              scan.accept(tx, out::add);
              return null;
            });
    return out.stream().map(InferenceStoreContract::describe).toList();
  }

  @Test
  void countEvents_countsTheEventsAfterTheFirstSeqUpToTheSecond() {
    storage.insertEvents(
        List.of(
            event("a", 0, "git push", 0),
            event("a", 1, "git push", 0),
            event("b", 2, "git push", 0),
            event("b", 3, "git push", 0)),
        T);
    List<Long> seqs = seqs();

    long between = storage.inference().exclusively(tx -> tx.countEvents(seqs.get(0), seqs.get(2)));
    long all = storage.inference().exclusively(tx -> tx.countEvents(0, tx.lastSeq()));
    long none = storage.inference().exclusively(tx -> tx.countEvents(seqs.get(3), seqs.get(3)));

    assertEquals(List.of(2L, 4L, 0L), List.of(between, all, none));
  }

  @Test
  void newestTimestamp_isTheNewestAmongEventsUpToTheSeq_orNullWhenNone() {
    storage.insertEvents(List.of(event("a", 5, "git push", 0)), T);
    storage.insertEvents(List.of(event("a", 1, "git push", 0)), T);
    storage.insertEvents(List.of(event("b", 9, "git push", 0)), T);
    List<Long> seqs = seqs();

    assertEquals(
        T.plusSeconds(300), storage.inference().exclusively(tx -> tx.newestTimestamp(seqs.get(1))));
    assertEquals(
        T.plusSeconds(540), storage.inference().exclusively(tx -> tx.newestTimestamp(seqs.get(2))));
    assertNull(storage.inference().exclusively(tx -> tx.newestTimestamp(0)));
  }

  @Test
  void forEachEvent_streamsTheSeqRangeByActorThenTimestamp() {
    storage.insertEvents(List.of(event("b", 1, "git push", 0)), T);
    storage.insertEvents(List.of(event("a", 2, "git push", 0)), T);
    storage.insertEvents(List.of(event("a", 0, "git push", 0)), T);
    List<Long> seqs = seqs();

    assertEquals(
        List.of("a@0", "a@2", "b@1"), scanned((tx, sink) -> tx.forEachEvent(0, seqs.get(2), sink)));
    assertEquals(
        List.of("a@2"), scanned((tx, sink) -> tx.forEachEvent(seqs.get(0), seqs.get(1), sink)));
  }

  @Test
  void forEachEventIn_streamsOnlyEachRangesKeyWithinItsTimes() {
    storage.insertEvents(
        List.of(
            event("a", 0, "git push", 0),
            event("a", 1, "git push", 0),
            event("a", 2, "git push", 0),
            event("a", 3, "git push", 0),
            event("b", 1, "git push", 0)),
        T);
    List<Recompute> ranges =
        List.of(new Recompute(new SessionKey("a", null), T.plusSeconds(60), T.plusSeconds(120)));

    assertEquals(
        List.of("a@1", "a@2"),
        scanned((tx, sink) -> tx.forEachEventIn(ranges, tx.lastSeq(), sink)));
    assertEquals(
        List.of(), scanned((tx, sink) -> tx.forEachEventIn(List.of(), tx.lastSeq(), sink)));
  }

  @Test
  void sessionsNear_findsTheKeysSessionsWithinTheMarginOfARange() {
    twoActorsInferred();
    // a's session spans minutes 0 to 2; the range starts at minute 10.
    List<Recompute> later =
        List.of(new Recompute(new SessionKey("a", null), T.plusSeconds(600), T.plusSeconds(660)));

    List<SessionSpan> far =
        storage.inference().exclusively(tx -> tx.sessionsNear(later, Duration.ofMinutes(5)));
    List<SessionSpan> near =
        storage.inference().exclusively(tx -> tx.sessionsNear(later, Duration.ofMinutes(9)));

    assertEquals(List.of(), far);
    assertEquals(1, near.size());
    assertEquals(new SessionKey("a", null), near.getFirst().key());
    assertEquals(T, near.getFirst().start());
    assertEquals(T.plusSeconds(120), near.getFirst().end());
  }

  @Test
  void sessionsPossiblyOpen_areTheOpenOnesAndThoseEndingWithinTheTimeoutOfTheHorizon() {
    twoActorsInferred();
    List<Recompute> everything =
        List.of(
            new Recompute(new SessionKey("a", null), T, T.plusSeconds(600)),
            new Recompute(new SessionKey("b", null), T, T.plusSeconds(600)));
    List<SessionSpan> all =
        storage.inference().exclusively(tx -> tx.sessionsNear(everything, Duration.ZERO));
    assertEquals(2, all.size());

    for (Instant horizon : List.of(T.plusSeconds(150), T.plusSeconds(3 * 3600))) {
      Duration timeout = Duration.ofMinutes(1);
      Set<String> expected =
          all.stream()
              .filter(s -> s.open() || s.end().isAfter(horizon.minus(timeout)))
              .map(SessionSpan::id)
              .collect(Collectors.toSet());

      Set<String> possiblyOpen =
          storage.inference().exclusively(tx -> tx.sessionsPossiblyOpen(horizon, timeout)).stream()
              .map(SessionSpan::id)
              .collect(Collectors.toSet());

      assertEquals(expected, possiblyOpen, "horizon " + horizon);
    }
  }
}
