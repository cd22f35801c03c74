package dev.clianalytics.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.Storage.InsertResult;
import dev.clianalytics.server.storage.Storage.Row;
import dev.clianalytics.server.storage.Storage.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Storage} must show, run against PostgreSQL and DuckDB by the
 * subclasses. Each test gets a freshly migrated, empty store.
 */
abstract class StorageContractTest {
  static final Instant RECEIVED = Instant.parse("2026-03-02T00:00:00Z");

  Storage storage;

  /** A new, empty, not yet migrated store; called once per test. */
  abstract Storage newStorage();

  @BeforeEach
  void openStorage() {
    storage = newStorage();
    storage.migrate();
  }

  @AfterEach
  void closeStorage() {
    storage.close();
  }

  List<Event> stored() {
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
    Event e =
        new Event(
            Events.T0,
            "tööl \"q\" \\ ,;\t\n",
            "β-1 🚀",
            List.of("tööl", "sub \"x\" {a,b} \\", "NULL", ""),
            List.of("--ünï", "-x,y"),
            -1,
            0L,
            "Err\u00e9",
            "line1\nline2\r\n\"quoted\", 'single' \\back {brace} 日本語 😀",
            "actor \"a\"",
            "m,1",
            "s\\1",
            false,
            UUID.randomUUID());

    storage.insertEvents(List.of(e), RECEIVED);

    assertEquals(List.of(e), stored());
  }

  @Test
  void insertEvents_nulCharacterAndLoneSurrogate_storedAsReplacementCharacter() {
    Event e = Events.full("actor", Events.T0);
    Event dirty =
        new Event(
            e.timestamp(),
            e.toolName(),
            e.toolVersion(),
            e.commandPath(),
            e.flagsPresent(),
            e.exitCode(),
            e.durationMs(),
            e.errorType(),
            "a\u0000b\uD800c",
            e.actorId(),
            e.machineId(),
            e.sessionHint(),
            e.ciDetected(),
            e.eventId());

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
}
