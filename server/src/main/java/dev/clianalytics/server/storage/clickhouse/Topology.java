package dev.clianalytics.server.storage.clickhouse;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the tables live: one server, or every shard of a cluster (see
 * docs/scaling-out.md#a-cluster). On a cluster each table {@code t} of the migration scripts is a
 * {@code t_local} table on every shard, created {@code ON CLUSTER}, behind a {@code Distributed}
 * table {@code t} that reads all shards and sends each inserted row to the shard of its actor
 * ({@code cityHash64(actor_id)}; tables without an actor spread their rows at random). Reads and
 * inserts name {@code t}; statements that change a table or delete rows go to {@code t_local} on
 * every shard.
 */
record Topology(String database, String cluster) {
  private static final Pattern CREATE =
      Pattern.compile("\\s*CREATE TABLE IF NOT EXISTS (\\w+)\\s*(\\(.*)", Pattern.DOTALL);
  private static final Pattern ALTER =
      Pattern.compile("\\s*ALTER TABLE (\\w+)\\s+(.*)", Pattern.DOTALL);
  private static final Pattern VIEW =
      Pattern.compile("\\s*CREATE VIEW IF NOT EXISTS (\\w+) AS (.*)", Pattern.DOTALL);
  private static final Pattern DROP_VIEW =
      Pattern.compile("\\s*DROP TABLE IF EXISTS (\\w+)\\s*", Pattern.DOTALL);
  private static final Pattern FROM_TABLE = Pattern.compile("\\bFROM (\\w+)");
  private static final Pattern IN_SUBQUERY = Pattern.compile("\\b(NOT )?IN \\(SELECT");
  private static final Pattern ACTOR_COLUMN = Pattern.compile("[(,]\\s*actor_id\\s+String\\b");

  Topology {
    Objects.requireNonNull(database, "database");
  }

  /** One server. */
  static Topology single(String database) {
    return new Topology(database, null);
  }

  boolean clustered() {
    return cluster != null;
  }

  /** The table that holds {@code table}'s rows on each server: itself, or its local table. */
  String local(String table) {
    return clustered() ? database + "." + table + "_local" : table;
  }

  /** {@code " ON CLUSTER name"}, or nothing on one server. */
  String onCluster() {
    return clustered() ? " ON CLUSTER " + cluster : "";
  }

  /**
   * The statements that carry out one statement of a migration script here. On one server, the
   * statement itself. On a cluster, a {@code CREATE TABLE IF NOT EXISTS t (...) ENGINE = ...}
   * becomes the local table on every shard and the {@code Distributed} table over them, and an
   * {@code ALTER TABLE t ...} alters both, and a {@code CREATE VIEW IF NOT EXISTS v AS SELECT ...}
   * is created on every server over the {@code Distributed} tables (and {@code DROP TABLE IF EXISTS
   * v}, which scripts use for views only, dropped on every server), its tables named with their
   * database and its {@code IN} subqueries made {@code GLOBAL} (run once over all shards, since the
   * rows they look up need not share a shard with the rows they filter); other statements are
   * refused, since a script written for one server would silently run on one shard only.
   */
  List<String> migration(String statement) {
    if (!clustered()) {
      return List.of(statement);
    }
    Matcher create = CREATE.matcher(statement);
    if (create.matches()) {
      String table = create.group(1);
      String rest = create.group(2);
      String key = ACTOR_COLUMN.matcher(rest).find() ? "cityHash64(actor_id)" : "rand()";
      return List.of(
          "CREATE TABLE IF NOT EXISTS " + local(table) + onCluster() + " " + rest,
          "CREATE TABLE IF NOT EXISTS "
              + database
              + "."
              + table
              + onCluster()
              + " AS "
              + local(table)
              + " ENGINE = Distributed("
              + cluster
              + ", "
              + database
              + ", "
              + table
              + "_local, "
              + key
              + ")");
    }
    Matcher view = VIEW.matcher(statement);
    if (view.matches()) {
      String select =
          IN_SUBQUERY
              .matcher(
                  FROM_TABLE
                      .matcher(view.group(2))
                      .replaceAll(Matcher.quoteReplacement("FROM " + database + ".") + "$1"))
              .replaceAll("GLOBAL $1IN (SELECT");
      return List.of(
          "CREATE VIEW IF NOT EXISTS "
              + database
              + "."
              + view.group(1)
              + onCluster()
              + " AS "
              + select);
    }
    Matcher drop = DROP_VIEW.matcher(statement);
    if (drop.matches()) {
      // migration scripts drop views only (to create them anew): a table would have a local table
      return List.of("DROP TABLE IF EXISTS " + database + "." + drop.group(1) + onCluster());
    }
    Matcher alter = ALTER.matcher(statement);
    if (alter.matches()) {
      String table = alter.group(1);
      String change = alter.group(2);
      return List.of(
          "ALTER TABLE " + local(table) + onCluster() + " " + change,
          "ALTER TABLE " + database + "." + table + onCluster() + " " + change);
    }
    throw new IllegalStateException(
        "a ClickHouse migration statement must be CREATE TABLE IF NOT EXISTS or ALTER TABLE to run"
            + " on a cluster: "
            + statement.strip().lines().findFirst().orElse(""));
  }
}
