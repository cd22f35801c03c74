package dev.clianalytics.server.scenario;

import dev.clianalytics.server.testing.TestClickHouse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The scenarios on a two-shard ClickHouse cluster ({@code CLICKHOUSE_CLUSTER}), through one of its
 * servers: every table is a Distributed table over the shards' local tables.
 */
class ClickHouseClusterScenarioTest extends ServerFixture implements AllScenarios {
  /** One database for the class, emptied for each server (see TwoShards#emptyDatabase). */
  private static String database;

  @Override
  protected String newDatabaseUrl() {
    TestClickHouse.TwoShards cluster = TestClickHouse.twoShards();
    if (database == null) {
      database = cluster.createDatabase(ClickHouseClusterScenarioTest.class);
    } else {
      cluster.emptyDatabase(database);
    }
    return cluster.databaseUrl(0, database);
  }

  @Override
  protected Map<String, String> databaseSettings() {
    return Map.of("CLICKHOUSE_CLUSTER", TestClickHouse.TwoShards.CLUSTER);
  }

  @AfterAll
  static void dropClusterDatabase() {
    if (database != null) {
      TestClickHouse.twoShards().dropDatabase(database);
      database = null;
    }
  }
}
