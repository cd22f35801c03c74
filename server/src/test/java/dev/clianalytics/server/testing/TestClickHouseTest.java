package dev.clianalytics.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fixture's servers are the version the docs name and the cluster spreads rows over both. */
class TestClickHouseTest {

  @Test
  void singleNode_isDebiansClickHouse18_16() {
    try (TestClickHouse ch = TestClickHouse.create(TestClickHouseTest.class)) {
      assertTrue(ch.sql("SELECT version()").startsWith("18.16."), ch.sql("SELECT version()"));
      assertEquals(
          ch.database() + "\n",
          ch.sql("SELECT name FROM system.databases WHERE name = '" + ch.database() + "'"));
    }
  }

  @Test
  void twoShards_distributedTable_spreadsRowsByHashOverBothServers() {
    TestClickHouse.TwoShards cluster = TestClickHouse.twoShards();
    String db = TestPostgres.uniqueName(TestClickHouseTest.class);
    try {
      for (int server = 0; server < 2; server++) {
        cluster.sql(server, "CREATE DATABASE " + db);
        cluster.sql(
            server,
            "CREATE TABLE "
                + db
                + ".t_local (actor_id String, n UInt32)"
                + " ENGINE = MergeTree ORDER BY actor_id");
        cluster.sql(
            server,
            "CREATE TABLE "
                + db
                + ".t AS "
                + db
                + ".t_local ENGINE = Distributed("
                + TestClickHouse.TwoShards.CLUSTER
                + ", "
                + db
                + ", t_local, cityHash64(actor_id))");
      }

      cluster.sql(
          0,
          "INSERT INTO "
              + db
              + ".t SELECT concat('actor-', toString(number % 100)), number"
              + " FROM system.numbers LIMIT 1000");

      long first = Long.parseLong(cluster.sql(0, "SELECT count() FROM " + db + ".t_local").strip());
      long second =
          Long.parseLong(cluster.sql(1, "SELECT count() FROM " + db + ".t_local").strip());
      assertEquals(1000, first + second);
      assertTrue(first > 0 && second > 0, first + " and " + second);
      assertEquals("1000\n", cluster.sql(1, "SELECT count() FROM " + db + ".t"));
      long actors0 =
          Long.parseLong(
              cluster.sql(0, "SELECT uniqExact(actor_id) FROM " + db + ".t_local").strip());
      long actors1 =
          Long.parseLong(
              cluster.sql(1, "SELECT uniqExact(actor_id) FROM " + db + ".t_local").strip());
      assertEquals(100, actors0 + actors1, "each actor's rows live on one shard only");
    } finally {
      cluster.sql(0, "DROP DATABASE IF EXISTS " + db);
      cluster.sql(1, "DROP DATABASE IF EXISTS " + db);
    }
  }

  @Test
  void twoShards_onClusterStatement_runsOnBothServers() {
    TestClickHouse.TwoShards cluster = TestClickHouse.twoShards();
    String db = TestPostgres.uniqueName(TestClickHouseTest.class);
    String on = " ON CLUSTER " + TestClickHouse.TwoShards.CLUSTER;
    try {
      cluster.sql(0, "CREATE DATABASE " + db + on);
      cluster.sql(
          0, "CREATE TABLE " + db + ".t" + on + " (n UInt32) ENGINE = MergeTree ORDER BY n");
      for (int server = 0; server < 2; server++) {
        assertEquals(
            "t\n",
            cluster.sql(
                server,
                "SELECT name FROM system.tables WHERE database = '" + db + "' AND name = 't'"));
      }
    } finally {
      cluster.sql(0, "DROP DATABASE IF EXISTS " + db + on);
    }
  }
}
