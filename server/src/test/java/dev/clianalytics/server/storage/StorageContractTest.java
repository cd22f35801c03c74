package dev.clianalytics.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.Storage.InsertResult;
import dev.clianalytics.server.storage.Storage.Row;
import dev.clianalytics.server.storage.Storage.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage} must show, run against PostgreSQL, DuckDB and the API tests'
 * in-memory fake by the subclasses. Each test gets a freshly migrated, empty store.
 */
public abstract class StorageContractTest {
  protected static final Instant RECEIVED = Instant.parse("2026-03-02T00:00:00Z");

  protected Storage storage;

  /** A new, empty, not yet migrated store; called once per test. */
  protected abstract Storage newStorage();

  @BeforeEach
  void openStorage() {
    storage = newStorage();
    storage.migrate();
  }

  @AfterEach
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  protected List<Event> stored() {
    List<Event> out = new ArrayList<>();
    for (StoredEvent e : storage.events(0, 10_000)) {
      out.add(e.event());
    }
    return out;
  }

  @Test
  void insertEvents_everyField_roundTripsExactly() {
    Event full = Events.full("actor-1", Events.T0);
    Event minimal = Events.minimal("actor-2", Events.T0.plusSeconds(1));

    storage.insertEvents(List.of(full, minimal), RECEIVED);

    assertEquals(List.of(full, minimal), stored());
  }

  @Test
  void insertEvents_unicodeAndQuotes_roundTripExactly() {
    Event e = Events.unicode();

    storage.insertEvents(List.of(e), RECEIVED);

    assertEquals(List.of(e), stored());
  }

  @Test
  void insertEvents_nulCharacterAndLoneSurrogate_storedAsReplacementCharacter() {
    Event dirty = Events.withErrorMessage(Events.full("actor", Events.T0), "a\u0000b\uD800c");

    storage.insertEvents(List.of(dirty), RECEIVED);

    assertEquals("a\uFFFDb\uFFFDc", stored().get(0).errorMessage());
  }

  @Test
  void insertEvents_nanosecondTimestamp_keepsMicroseconds() {
    Event e = Events.minimal("actor", Instant.parse("2026-03-01T10:15:30.123456789Z"));

    storage.insertEvents(List.of(e), RECEIVED);

    assertEquals(Instant.parse("2026-03-01T10:15:30.123456Z"), stored().get(0).timestamp());
  }

  @Test
  void insertEvents_duplicateEventIdAcrossBatches_countsOnce() {
    Event e = Events.full("actor", Events.T0);

    InsertResult first = storage.insertEvents(List.of(e), RECEIVED);
    InsertResult second =
        storage.insertEvents(List.of(e, Events.minimal("b", Events.T0)), RECEIVED);

    assertEquals(new InsertResult(1, 0), first);
    assertEquals(new InsertResult(1, 1), second);
    assertEquals(2, storage.countEvents());
  }

  @Test
  void insertEvents_duplicateEventIdWithinBatch_countsOnceAndKeepsTheFirst() {
    Event first = Events.full("actor", Events.T0);
    Event again = Events.minimal("other", Events.T0).withEventId(first.eventId());

    InsertResult result = storage.insertEvents(List.of(first, again, first), RECEIVED);

    assertEquals(new InsertResult(1, 2), result);
    assertEquals(List.of(first), stored());
  }

  @Test
  void insertEvents_emptyBatch_storesNothing() {
    assertEquals(new InsertResult(0, 0), storage.insertEvents(List.of(), RECEIVED));
    assertEquals(0, storage.countEvents());
  }

  @Test
  void insertEvents_missingEventId_isRefusedBeforeStoring() {
    Event e = Events.full("actor", Events.T0).withEventId(null);

    assertThrows(IllegalArgumentException.class, () -> storage.insertEvents(List.of(e), RECEIVED));
    assertEquals(0, storage.countEvents());
  }

  @Test
  void insertEvents_tenThousandEvents_allStoredInArrivalOrder() {
    List<Event> batch = Events.many(10_000, "actor-", 50);

    InsertResult result = storage.insertEvents(batch, RECEIVED);

    assertEquals(new InsertResult(10_000, 0), result);
    assertEquals(batch, stored());
  }

  @Test
  void insertDocument_thenRows_returnsEventsFirstThenDocuments() {
    Event e = Events.full("actor", Events.T0);
    storage.insertEvents(List.of(e), RECEIVED);
    Map<String, Object> doc = Map.of("kind", "nsm", "weeks", List.of(Map.of("n", 3L)));

    UUID id = storage.insertDocument(doc, RECEIVED);
    List<Row> rows = storage.rows(10, 0);

    assertEquals(List.of(new Row(e.eventId(), e.toJson()), new Row(id, doc)), rows);
  }

  @Test
  void insertBatch_eventsAndDocuments_areStoredTogetherInOrder() {
    List<Event> events = Events.many(3, "a", 1);
    List<Map<String, Object>> docs = new ArrayList<>();
    for (long n = 0; n < 2_000; n++) {
      docs.add(Map.of("n", n));
    }

    Storage.BatchResult r = storage.insertBatch(events, docs, RECEIVED);

    assertEquals(3, r.accepted());
    assertEquals(2_000, r.documentIds().size());
    List<Row> rows = storage.rows(10_000, 0);
    assertEquals(2_003, rows.size());
    assertEquals(r.documentIds(), rows.subList(3, 2_003).stream().map(Row::id).toList());
    assertEquals(Map.of("n", 1_999L), rows.get(2_002).payload());
  }

  @Test
  void insertBatch_aDocumentThatCannotBeWritten_storesNoEventOrDocument() {
    List<Event> events = Events.many(3, "a", 1);
    // fails while the batch is being written, after the events
    Map<String, Object> unwritable =
        new java.util.AbstractMap<>() {
          @Override
          public java.util.Set<Entry<String, Object>> entrySet() {
            throw new IllegalStateException("unreadable document");
          }
        };

    assertThrows(
        RuntimeException.class,
        () -> storage.insertBatch(events, List.of(Map.of("n", 1L), unwritable), RECEIVED));

    assertEquals(0, storage.countEvents());
    assertEquals(List.of(), storage.rows(10, 0));
  }

  @Test
  void insertBatch_nothing_storesNothing() {
    Storage.BatchResult r = storage.insertBatch(List.of(), List.of(), RECEIVED);

    assertEquals(new Storage.BatchResult(0, 0, List.of()), r);
  }

  @Test
  void deleteEventsBefore_removesDocumentsReceivedBeforeTheCutoff() {
    UUID old = storage.insertDocument(Map.of("n", 1L), RECEIVED.minusSeconds(3_600));
    UUID recent = storage.insertDocument(Map.of("n", 2L), RECEIVED.plusSeconds(3_600));

    storage.deleteEventsBefore(RECEIVED);

    assertEquals(List.of(recent), storage.rows(10, 0).stream().map(Row::id).toList());
    assertTrue(old != null);
  }

  @Test
  void insertEvents_concurrentBatchesWithOverlappingIds_storeEachIdOnce() throws Exception {
    List<Event> pool = Events.many(2_000, "actor-", 20);
    List<InsertResult> results =
        Concurrently.run(
            4,
            t -> {
              int accepted = 0;
              int duplicates = 0;
              for (int b = 0; b < 10; b++) {
                int from = (t * 250 + b * 100) % pool.size();
                InsertResult r = storage.insertEvents(pool.subList(from, from + 100), RECEIVED);
                accepted += r.accepted();
                duplicates += r.duplicates();
              }
              return new InsertResult(accepted, duplicates);
            });
    int accepted = results.stream().mapToInt(InsertResult::accepted).sum();
    int total = results.stream().mapToInt(r -> r.accepted() + r.duplicates()).sum();

    long distinct = 1_000 + 750; // windows [0,1000), [250,1250), [500,1500), [750,1750)
    assertEquals(4_000, total);
    assertEquals(distinct, accepted);
    assertEquals(distinct, storage.countEvents());
  }

  @Test
  void rows_pagesThroughEventsThenDocuments() {
    List<Event> events = Events.many(3, "a", 1);
    storage.insertEvents(events, RECEIVED);
    UUID d1 = storage.insertDocument(Map.of("n", 1L), RECEIVED);
    UUID d2 = storage.insertDocument(Map.of("n", 2L), RECEIVED);

    List<UUID> ids = new ArrayList<>();
    for (int offset = 0; offset < 6; offset += 2) {
      storage.rows(2, offset).forEach(r -> ids.add(r.id()));
    }

    assertEquals(
        List.of(events.get(0).eventId(), events.get(1).eventId(), events.get(2).eventId(), d1, d2),
        ids);
    assertEquals(List.of(), storage.rows(10, 5));
    assertEquals(List.of(d2), storage.rows(10, 4).stream().map(Row::id).toList());
  }

  @Test
  void rows_limitOutOfRange_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> storage.rows(0, 0));
    assertThrows(IllegalArgumentException.class, () -> storage.rows(10, -1));
  }

  @Test
  void insertDocument_nestedJson_roundTrips() {
    Map<String, Object> doc =
        Map.of(
            "command", "ai-do",
            "weeks", List.of(Map.of("week", "2026-W03", "per_active_developer", 1.5)),
            "empty", Map.of(),
            "flag", true,
            "none", Map.of("x", List.of()));

    UUID id = storage.insertDocument(doc, RECEIVED);

    assertEquals(List.of(new Row(id, doc)), storage.rows(10, 0));
  }

  @Test
  void deleteActor_removesOnlyThatActorsEventsAndCountsThem() {
    storage.insertEvents(Events.many(30, "actor-", 3), RECEIVED);

    long removed = storage.deleteActor("actor-1");

    assertEquals(10, removed);
    assertEquals(20, storage.countEvents());
    assertTrue(stored().stream().noneMatch(e -> e.actorId().equals("actor-1")));
    assertEquals(0, storage.deleteActor("actor-1"));
  }

  @Test
  void deleteEventsBefore_dropsOnlyOlderEvents() {
    storage.insertEvents(Events.many(10, "a", 2), RECEIVED); // T0, T0+1s, ... T0+9s

    long removed = storage.deleteEventsBefore(Events.T0.plusSeconds(4));

    assertEquals(4, removed);
    assertEquals(6, storage.countEvents());
    assertEquals(Events.T0.plusSeconds(4), stored().get(0).timestamp());
  }

  @Test
  void migrate_runTwiceMore_keepsDataAndStillWorks() {
    storage.insertEvents(Events.many(5, "a", 1), RECEIVED);

    storage.migrate();
    storage.migrate();
    storage.insertEvents(Events.many(5, "b", 1), RECEIVED);

    assertEquals(10, storage.countEvents());
  }

  @Test
  void events_pagesInArrivalOrderByAfterSeq() {
    List<Event> batch = Events.many(25, "a", 5);
    storage.insertEvents(batch, RECEIVED);

    List<Event> seen = new ArrayList<>();
    long after = 0;
    List<StoredEvent> page;
    while (!(page = storage.events(after, 10)).isEmpty()) {
      page.forEach(e -> seen.add(e.event()));
      after = page.get(page.size() - 1).seq();
    }

    assertEquals(batch, seen);
  }

  @Test
  void events_carryReceivedAt() {
    storage.insertEvents(Events.many(1, "a", 1), RECEIVED);

    assertEquals(RECEIVED, storage.events(0, 1).get(0).receivedAt());
  }

  @Test
  void forEachEvent_streamsTheSeqRangeOrderedByActorThenTimestamp() {
    List<Event> batch = new ArrayList<>(Events.many(40, "actor-", 4));
    Collections.reverse(batch); // arrival order differs from timestamp order
    storage.insertEvents(batch, RECEIVED);
    List<StoredEvent> all = storage.events(0, 100);
    long from = all.get(4).seq();
    long through = all.get(35).seq();

    List<StoredEvent> seen = new ArrayList<>();
    long count = storage.forEachEvent(from, through, seen::add);

    List<StoredEvent> expected =
        all.subList(5, 36).stream()
            .sorted(
                Comparator.comparing((StoredEvent e) -> e.event().actorId())
                    .thenComparing(e -> e.event().timestamp())
                    .thenComparingLong(StoredEvent::seq))
            .toList();
    assertEquals(expected, seen);
    assertEquals(31, count);
  }

  @Test
  void forEachEvent_sinkThrows_propagatesUnchanged() {
    storage.insertEvents(Events.many(3, "a", 1), RECEIVED);
    IllegalStateException boom = new IllegalStateException("stop");

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                storage.forEachEvent(
                    0,
                    Long.MAX_VALUE,
                    e -> {
                      throw boom;
                    }));

    assertSame(boom, thrown);
  }

  @Test
  void lastSeq_neverGoesBackForNewEventsAfterDeletingTheNewest() {
    assertEquals(0, storage.lastSeq());
    storage.insertEvents(List.of(Events.full("old", Events.T0)), RECEIVED);
    storage.insertEvents(List.of(Events.full("newest", Events.T0)), RECEIVED);
    long high = storage.lastSeq();

    storage.deleteActor("newest");
    storage.insertEvents(List.of(Events.full("later", Events.T0)), RECEIVED);

    assertTrue(storage.lastSeq() > high, "seq " + storage.lastSeq() + " reused " + high);
  }

  @Test
  void ping_onAWorkingDatabase_returns() {
    storage.ping();
    assertEquals(0, storage.countEvents());
  }

  @Test
  void insertEvents_randomTrickyStrings_roundTripAfterCleaning() {
    Random random = new Random(42);
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      batch.add(Events.tricky(random, Events.T0.plusSeconds(i)));
    }

    storage.insertEvents(batch, RECEIVED);

    assertEquals(batch.stream().map(Storable::clean).toList(), stored());
  }

  @Test
  void rows_documentStoredBeforeEvents_stillListsEventsFirst() {
    UUID doc = storage.insertDocument(Map.of("n", 1L), RECEIVED);
    Event e = Events.minimal("a", Events.T0);
    storage.insertEvents(List.of(e), RECEIVED);

    assertEquals(List.of(e.eventId(), doc), storage.rows(10, 0).stream().map(Row::id).toList());
  }

  @Test
  void forEachEvent_emptyRange_visitsNothing() {
    storage.insertEvents(Events.many(3, "a", 1), RECEIVED);
    long last = storage.lastSeq();

    assertEquals(0, storage.forEachEvent(last, last, e -> fail("visited " + e)));
  }

  @Test
  void countEvents_afterClose_throwsStorageUnavailable() {
    storage.close();

    assertThrows(StorageUnavailableException.class, storage::countEvents);
  }

  @Test
  void poolStats_whenIdle_showsNothingActiveOrWaiting() {
    storage.ping();

    Storage.PoolStats stats = storage.poolStats();

    assertEquals(0, stats.active());
    assertEquals(0, stats.waiting());
    assertTrue(stats.max() >= 1 && stats.idle() <= stats.max(), stats.toString());
  }
}
