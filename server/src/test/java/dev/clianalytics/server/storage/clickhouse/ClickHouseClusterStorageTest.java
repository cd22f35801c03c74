package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.Concurrently;
import dev.clianalytics.server.storage.Events;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.StorageContractTest;
import dev.clianalytics.server.testing.TestClickHouse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on a cluster of two shards ({@code CLICKHOUSE_CLUSTER}), through server 0,
 * and what only a cluster can get wrong: where rows land, and two instances on two servers.
 */
class ClickHouseClusterStorageTest extends StorageContractTest {
  private static final String CLUSTER = TestClickHouse.TwoShards.CLUSTER;

  /**
   * One database for the class: migrating {@code ON CLUSTER} takes seconds, so each test empties
   * the shards' tables instead (all but the record of applied migrations, so the contract's {@code
   * migrate()} finds the schema current).
   */
  private static String database;

  private TestClickHouse.TwoShards cluster;
  private final List<Storage> others = new ArrayList<>();

  @Override
  protected Storage newStorage() {
    cluster = TestClickHouse.twoShards();
    if (database == null) {
      database = cluster.createDatabase(ClickHouseClusterStorageTest.class);
    } else {
      cluster.emptyDatabase(database);
    }
    return instanceOn(0);
  }

  @AfterAll
  static void dropDatabase() {
    if (database != null) {
      TestClickHouse.twoShards().dropDatabase(database);
      database = null;
    }
  }

  private Storage instanceOn(int server) {
    return ClickHouseStorage.open(
        ClickHouseUrl.parse(cluster.databaseUrl(server, database)), CLUSTER);
  }

  @AfterEach
  void closeOtherInstances() {
    others.forEach(Storage::close);
  }

  private long count(int server, String sql) {
    return Long.parseLong(cluster.sql(server, sql.replace("DB", database)).strip());
  }

  @Test
  void tables_areLocalOnEachShard_behindDistributedTables() {
    for (int server = 0; server < 2; server++) {
      assertEquals(
          "Distributed\nMergeTree\nReplacingMergeTree\n",
          cluster.sql(
              server,
              "SELECT DISTINCT engine FROM system.tables WHERE database = '"
                  + database
                  + "' AND name IN ('events', 'events_local', 'event_ids_local') ORDER BY engine"));
    }
  }

  @Test
  void eachActorsRows_liveOnOneShard_andBothShardsHoldSome() {
    storage.insertEvents(Events.many(200, "actor-", 40), RECEIVED);

    long first = count(0, "SELECT count() FROM DB.events_local");
    long second = count(1, "SELECT count() FROM DB.events_local");
    assertEquals(200, first + second);
    assertTrue(first > 0 && second > 0, first + " and " + second);
    assertEquals(
        40,
        count(0, "SELECT uniqExact(actor_id) FROM DB.events_local")
            + count(1, "SELECT uniqExact(actor_id) FROM DB.events_local"),
        "no actor has rows on both shards");
    for (int server = 0; server < 2; server++) {
      assertEquals(
          0,
          count(
              server,
              "SELECT count() FROM DB.event_ids_local WHERE event_id NOT IN"
                  + " (SELECT event_id FROM DB.events_local)"),
          "an event's commit row is on the event's shard");
    }
  }

  @Test
  void twoInstancesOnTwoServers_storeABatchOnce_andBothReadIt() throws Exception {
    Storage other = instanceOn(1);
    others.add(other);
    List<Event> batch = Events.many(60, "actor-", 12);

    List<Integer> accepted =
        new ArrayList<>(
            Concurrently.run(
                2, t -> (t == 0 ? storage : other).insertEvents(batch, RECEIVED).accepted()));
    accepted.addAll(
        List.of(
            storage.insertEvents(batch, RECEIVED).accepted(),
            other.insertEvents(batch, RECEIVED).accepted()));

    assertEquals(60, storage.countEvents());
    assertEquals(60, other.countEvents());
    assertEquals(batch.stream().map(Event::eventId).sorted().toList(), ids(storage));
    assertEquals(ids(storage), ids(other));
    assertEquals(
        0, accepted.get(2) + accepted.get(3), "a retry after both finished is a duplicate");
  }

  @Test
  void deleteActor_removesItsRowsFromTheShardHoldingThem() {
    storage.insertEvents(Events.many(100, "actor-", 20), RECEIVED);
    String victim = Events.many(100, "actor-", 20).get(0).actorId();

    assertEquals(5, storage.deleteActor(victim));

    for (int server = 0; server < 2; server++) {
      assertEquals(
          0,
          count(server, "SELECT count() FROM DB.events_local WHERE actor_id = '" + victim + "'")
              + count(
                  server,
                  "SELECT count() FROM DB.event_ids_local WHERE actor_id = '" + victim + "'"));
    }
    assertEquals(95, storage.countEvents());
  }

  private static List<java.util.UUID> ids(Storage s) {
    List<java.util.UUID> out = new ArrayList<>();
    s.forEachEvent(0, s.lastSeq(), e -> out.add(e.event().eventId()));
    return out.stream().sorted().toList();
  }
}
