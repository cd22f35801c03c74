package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Concurrently;
import dev.clianalytics.server.storage.Events;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.StorageContractTest;
import dev.clianalytics.server.storage.StorageUnavailableException;
import dev.clianalytics.server.storage.jdbc.Migrations;
import dev.clianalytics.server.testing.TestClickHouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ClickHouseStorageTest extends StorageContractTest {
  private static final String EVENT_COLUMNS =
      "event_id, received_us, ts_us, tool_name, tool_version, command_path, flags_present,"
          + " exit_code, duration_ms, error_type, error_message, actor_id, machine_id,"
          + " session_hint, ci_detected";

  TestClickHouse ch;

  @Override
  protected Storage newStorage() {
    ch = TestClickHouse.create(ClickHouseStorageTest.class);
    return Storages.open(ch.databaseUrl(), Path.of("unused-by-clickhouse"));
  }

  @AfterEach
  void dropDatabase() {
    if (ch != null) {
      ch.close();
    }
  }

  /** A second committed copy of every stored event, as two instances racing would leave. */
  private void copyEverythingAsARacingInstanceWould() {
    ch.sql(
        "INSERT INTO events (seq, "
            + EVENT_COLUMNS
            + ") SELECT seq + 1, "
            + EVENT_COLUMNS
            + " FROM events");
    ch.sql(
        "INSERT INTO event_ids SELECT event_id, seq + 1, keep - 1, actor_id, ts_us FROM event_ids");
  }

  private void mergeEverything() {
    ch.sql("OPTIMIZE TABLE events FINAL");
    ch.sql("OPTIMIZE TABLE event_ids FINAL");
  }

  @Test
  void copiesStoredTwice_areReadOnce_beforeAndAfterMerges() {
    List<Event> batch = Events.many(20, "actor-", 4);
    storage.insertEvents(batch, RECEIVED);
    copyEverythingAsARacingInstanceWould();
    assertEquals("40\n", ch.sql("SELECT count() FROM events"));

    for (int merged = 0; merged < 2; merged++) {
      assertEquals(batch, stored());
      assertEquals(20, storage.countEvents());
      assertEquals(20, storage.forEachEvent(0, storage.lastSeq(), e -> {}));
      assertEquals(20, storage.rows(100, 0).size());
      mergeEverything();
    }
  }

  @Test
  void inferenceRead_carriesEveryFieldButTheErrorMessage_inInferenceOrder() {
    List<Event> batch = Events.many(30, "actor-", 3);
    storage.insertEvents(batch, RECEIVED);
    ClickHouseStorage ch = (ClickHouseStorage) storage;

    List<Event> whole = new java.util.ArrayList<>();
    storage.forEachEvent(0, storage.lastSeq(), e -> whole.add(e.event()));
    List<Event> toInfer = new java.util.ArrayList<>();
    assertEquals(30, ch.forEachEventToInfer(0, storage.lastSeq(), "1 = 1", toInfer::add));

    assertTrue(whole.stream().anyMatch(e -> e.errorMessage() != null));
    assertTrue(whole.stream().anyMatch(e -> e.platform().os() != null));
    // error message gone, platform kept (inference counts events per platform)
    List<Event> expected = whole.stream().map(e -> Events.withErrorMessage(e, null)).toList();
    assertEquals(expected, toInfer);
    List<Event> oneActor = new java.util.ArrayList<>();
    ch.forEachEventToInfer(0, storage.lastSeq(), "actor_id = 'actor-1'", oneActor::add);
    assertEquals(expected.stream().filter(e -> e.actorId().equals("actor-1")).toList(), oneActor);
  }

  /** Actor ids around and outside the hex digests stored actor ids are. */
  private static final List<String> ODD_ACTORS =
      List.of(
          "0",
          "0000",
          "0fff",
          "1000",
          "7ffe",
          "7fff",
          "8000",
          "8000a",
          "ffff",
          "ffffffff",
          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          "ABC",
          "Z",
          "actor-1",
          "zz",
          "\u00e9t\u00e9");

  @Test
  void fullReadForInference_inActorRanges_equalsOneOrderedRead_withEachIdOnce() {
    List<Event> batch = new java.util.ArrayList<>();
    for (int i = 0; i < ODD_ACTORS.size(); i++) {
      batch.add(Events.full(ODD_ACTORS.get(i), Events.T0.plusSeconds(i)));
      batch.add(Events.minimal(ODD_ACTORS.get(i), Events.T0.minusSeconds(i)));
    }
    batch.addAll(Events.many(40, "actor-", 5));
    storage.insertEvents(batch, RECEIVED);
    copyEverythingAsARacingInstanceWould();
    ClickHouseStorage ch = (ClickHouseStorage) storage;
    List<Event> whole = new java.util.ArrayList<>();
    storage.forEachEvent(0, storage.lastSeq(), e -> whole.add(e.event()));
    List<Event> expected = whole.stream().map(e -> Events.withErrorMessage(e, null)).toList();
    assertEquals(batch.size(), expected.size());

    for (long perRange : new long[] {1, 3, 17, 1_000_000}) { // 64, 48, 9 and 1 statements
      ch.eventsPerRange(perRange);
      List<Event> toInfer = new java.util.ArrayList<>();
      assertEquals(
          batch.size(), ch.forEachEventToInfer(0, storage.lastSeq(), "1 = 1", toInfer::add));
      assertEquals(expected, toInfer, "with " + perRange + " stored events per statement");
    }
    assertEquals("", setTables(), "the sets of first copies are dropped after each read");
  }

  @Test
  void actorRanges_coverEveryString_exactlyOnce_asClickHouseComparesThem() {
    StringBuilder ids = new StringBuilder();
    for (String id : ODD_ACTORS) {
      ids.append(ids.isEmpty() ? "" : ",").append(ClickHouseSql.quote(id));
    }
    ids.append(",''");
    for (int n : new int[] {1, 2, 3, 15, 16, 63, 64}) {
      String hits =
          String.join(
              " + ", FirstCopies.actorRanges(n).stream().map(c -> "toUInt8(" + c + ")").toList());
      String counts =
          this.ch.sql(
              "SELECT groupUniqArray(hits) FROM (SELECT "
                  + hits
                  + " AS hits FROM (SELECT arrayJoin(["
                  + ids
                  + "]) AS actor_id))");
      assertEquals("[1]\n", counts, n + " ranges");
    }
    assertThrows(IllegalArgumentException.class, () -> FirstCopies.actorRanges(0));
    assertThrows(IllegalArgumentException.class, () -> FirstCopies.actorRanges(65));
  }

  @Test
  void fullReadForInference_thatTheReaderAborts_dropsItsSet_andLeavesTheClientUsable() {
    storage.insertEvents(Events.many(30, "actor-", 6), RECEIVED);
    ClickHouseStorage ch = (ClickHouseStorage) storage;
    ch.eventsPerRange(2);
    for (int i = 0; i < 25; i++) { // more reads than the client has connections
      int[] seen = {0};
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  ch.forEachEventToInfer(
                      0,
                      storage.lastSeq(),
                      "1 = 1",
                      ev -> {
                        if (++seen[0] == 3) {
                          throw new IllegalStateException("reader stops");
                        }
                      }));
      assertEquals("reader stops", e.getMessage());
    }
    assertEquals(30, ch.forEachEventToInfer(0, storage.lastSeq(), "1 = 1", ev -> {}));
    assertEquals("", setTables());
  }

  @Test
  void fullReadForInference_dropsSetsLeftByReadsThatBeganADayAgo_only() {
    storage.insertEvents(Events.many(5, "actor-", 1), RECEIVED);
    long now = System.currentTimeMillis();
    String stale = FirstCopies.PREFIX + (now - FirstCopies.STALE.toMillis() - 60_000) + "_0a0b0c0d";
    String running = FirstCopies.PREFIX + (now - 60_000) + "_0a0b0c0d";
    ch.sql("CREATE TABLE " + stale + " (seq UInt64) ENGINE = Set");
    ch.sql("CREATE TABLE " + running + " (seq UInt64) ENGINE = Set");

    assertEquals(
        5,
        ((ClickHouseStorage) storage).forEachEventToInfer(0, storage.lastSeq(), "1 = 1", e -> {}));

    assertEquals(running + "\n", setTables());
  }

  private String setTables() {
    return ch.sql(
        "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '"
            + FirstCopies.PREFIX
            + "%' ORDER BY name");
  }

  @Test
  void copiesStoredTwice_incrementalReadAfterTheFirstCopy_skipsTheLaterCopy() {
    storage.insertEvents(Events.many(5, "a", 1), RECEIVED);
    long mark = storage.lastSeq();
    copyEverythingAsARacingInstanceWould();
    List<Event> later = Events.many(3, "b", 1);
    storage.insertEvents(later, RECEIVED);

    List<Event> seen = new java.util.ArrayList<>();
    storage.forEachEvent(mark, storage.lastSeq(), e -> seen.add(e.event()));

    assertEquals(later, seen);
  }

  @Test
  void eventWithoutItsIdRow_isNotRead_andARetryStoresIt() {
    Event e = Events.full("actor", Events.T0);
    storage.insertEvents(List.of(e), RECEIVED);
    ch.sql("ALTER TABLE event_ids DELETE WHERE 1 = 1"); // as if the commit never happened
    awaitMutations();

    assertEquals(List.of(), stored());
    assertEquals(1, storage.insertEvents(List.of(e), RECEIVED).accepted());
    assertEquals(List.of(e), stored());
    assertEquals(1, storage.countEvents());
  }

  @Test
  void deleteActor_reachesEveryTableWithAnActorColumnOrPayload() {
    Set<String> withActorData =
        new TreeSet<>(
            List.of(
                ch.sql(
                        "SELECT DISTINCT table FROM system.columns WHERE database = currentDatabase()"
                            + " AND name IN ('actor_id', 'machine_id', 'session_hint', 'payload')"
                            // views show rows of the tables below, and hold none themselves
                            + " AND table IN (SELECT name FROM system.tables"
                            + " WHERE database = currentDatabase() AND engine != 'View')")
                    .strip()
                    .split("\n")));

    Set<String> erased = new TreeSet<>(EventWrites.ACTOR_TABLES.keySet());
    erased.addAll(DerivedDeletes.BY_ACTOR);
    assertEquals(withActorData, erased);
  }

  @Test
  void migrate_fourInstancesAtOnceOnAFreshDatabase_leaveOneSchemaAtTheNewestVersion()
      throws Exception {
    try (TestClickHouse fresh = TestClickHouse.create(ClickHouseStorageTest.class)) {
      Concurrently.run(
          4,
          t -> {
            try (Storage s = Storages.open(fresh.databaseUrl(), Path.of("unused"))) {
              s.migrate();
              s.insertEvents(Events.many(5, "actor-" + t, 1), RECEIVED);
            }
            return t;
          });

      assertEquals(
          Migrations.CLICKHOUSE.size() + "\n",
          fresh.sql("SELECT max(version) FROM schema_migrations"));
      assertEquals("20\n", fresh.sql("SELECT uniqExact(event_id) FROM event_ids"));
    }
  }

  @Test
  @Timeout(60) // a guard against hanging, not a timing assertion
  void everyCall_unreachableServer_throwsStorageUnavailableNamingItWithoutThePassword() {
    try (Storage down =
        Storages.open("clickhouse://default:hunter2@127.0.0.1:1/db", Path.of("unused"))) {
      StorageUnavailableException e = assertThrows(StorageUnavailableException.class, down::ping);
      assertTrue(e.getMessage().contains("127.0.0.1:1/db"), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
      assertThrows(StorageUnavailableException.class, down::migrate);
      assertThrows(
          StorageUnavailableException.class,
          () -> down.insertEvents(Events.many(3, "a", 1), RECEIVED));
    }
  }

  private void awaitMutations() {
    for (int i = 0; i < 500; i++) {
      if (ch.sql("SELECT count() FROM system.mutations WHERE is_done = 0").strip().equals("0")) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
