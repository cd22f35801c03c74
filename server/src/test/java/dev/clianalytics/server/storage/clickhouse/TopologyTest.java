package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a migration statement is carried out on one server and on a cluster. */
class TopologyTest {
  private final Topology single = Topology.single("db");
  private final Topology cluster = new Topology("db", "c1");

  @Test
  void oneServer_runsEveryStatementAsWritten() {
    String s = "CREATE VIEW IF NOT EXISTS v AS SELECT 1 FROM t WHERE x IN (SELECT x FROM u)";
    assertEquals(List.of(s), single.migration(s));
    assertEquals("events", single.local("events"));
    assertEquals("", single.onCluster());
  }

  @Test
  void table_withAnActor_isShardedByItsHash_otherTablesAtRandom() {
    assertEquals(
        List.of(
            "CREATE TABLE IF NOT EXISTS db.t_local ON CLUSTER c1 (id String, actor_id String)"
                + " ENGINE = MergeTree ORDER BY id",
            "CREATE TABLE IF NOT EXISTS db.t ON CLUSTER c1 AS db.t_local"
                + " ENGINE = Distributed(c1, db, t_local, cityHash64(actor_id))"),
        cluster.migration(
            "CREATE TABLE IF NOT EXISTS t (id String, actor_id String)"
                + " ENGINE = MergeTree ORDER BY id"));
    assertEquals(
        "CREATE TABLE IF NOT EXISTS db.u ON CLUSTER c1 AS db.u_local"
            + " ENGINE = Distributed(c1, db, u_local, rand())",
        cluster
            .migration(
                "CREATE TABLE IF NOT EXISTS u (id String, other_actor_id String)"
                    + " ENGINE = MergeTree ORDER BY id")
            .get(1));
  }

  @Test
  void droppedView_isDroppedOnEveryServer() {
    assertEquals(
        List.of("DROP TABLE IF EXISTS db.sessions ON CLUSTER c1"),
        cluster.migration("DROP TABLE IF EXISTS sessions"));
  }

  @Test
  void view_readsTheDistributedTables_withGlobalSubqueries() {
    assertEquals(
        List.of(
            "CREATE VIEW IF NOT EXISTS db.v ON CLUSTER c1 AS SELECT a FROM db.t_rows WHERE g GLOBAL"
                + " IN (SELECT g FROM db.runs) AND (s, g) GLOBAL NOT IN (SELECT s, g FROM db.gone)"
                + " AND g >= (SELECT max(g) FROM db.runs)"),
        cluster.migration(
            "CREATE VIEW IF NOT EXISTS v AS SELECT a FROM t_rows WHERE g IN (SELECT g FROM runs)"
                + " AND (s, g) NOT IN (SELECT s, g FROM gone) AND g >= (SELECT max(g) FROM runs)"));
  }

  @Test
  void alter_changesTheLocalAndTheDistributedTable_otherStatementsAreRefused() {
    assertEquals(
        List.of(
            "ALTER TABLE db.t_local ON CLUSTER c1 ADD COLUMN os Nullable(String)",
            "ALTER TABLE db.t ON CLUSTER c1 ADD COLUMN os Nullable(String)"),
        cluster.migration("ALTER TABLE t ADD COLUMN os Nullable(String)"));
    assertThrows(IllegalStateException.class, () -> cluster.migration("INSERT INTO t VALUES (1)"));
  }
}
