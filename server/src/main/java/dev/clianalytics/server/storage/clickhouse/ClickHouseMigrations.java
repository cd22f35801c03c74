package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.server.storage.derived.DerivedRows;
import dev.clianalytics.server.storage.jdbc.Migrations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the scripts under {@code db/clickhouse/} and records them in {@code schema_migrations}.
 * ClickHouse has no transactions or locks to make this exclusive, so every statement of those
 * scripts is idempotent ({@code IF NOT EXISTS}) and a version recorded twice by two instances
 * migrating at once is read once. On a cluster each statement runs {@code ON CLUSTER} (see {@link
 * Topology#migration}).
 */
final class ClickHouseMigrations {
  private ClickHouseMigrations() {}

  private static final Pattern ADD_COLUMN =
      Pattern.compile("\\s*ALTER TABLE (\\w+) ADD COLUMN (\\w+).*", Pattern.DOTALL);

  /**
   * Whether {@code statement} adds a column that is there already, by an instance that migrated at
   * the same time: 18.16 has no {@code ADD COLUMN IF NOT EXISTS}. A statement adding several
   * columns is named by its first.
   */
  static boolean columnAdded(ClickHouseSql sql, String statement) {
    Matcher add = ADD_COLUMN.matcher(statement);
    return add.matches()
        && sql.queryLong(
                "SELECT count() FROM system.columns WHERE database = "
                    + ClickHouseSql.quote(sql.topology().database())
                    + " AND table = "
                    + ClickHouseSql.quote(add.group(1))
                    + " AND name = "
                    + ClickHouseSql.quote(add.group(2)))
            > 0;
  }

  static void apply(ClickHouseSql sql) {
    List<Migrations.Script> scripts = Migrations.load("clickhouse", Migrations.CLICKHOUSE);
    Topology topology = sql.topology();
    topology
        .migration(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, description String,"
                + " applied_us Int64) ENGINE = MergeTree ORDER BY version")
        .forEach(sql::execute);
    Set<Integer> applied = new HashSet<>();
    sql.query(
        "SELECT DISTINCT version FROM schema_migrations",
        ClickHouseSql.schema("version UInt32"),
        r -> applied.add((int) r.getLong(1)));
    for (Migrations.Script script : Migrations.pending(scripts, applied)) {
      for (String statement : script.statements()) {
        if (!columnAdded(sql, statement)) {
          try {
            topology.migration(statement).forEach(sql::execute);
          } catch (RuntimeException e) {
            // another instance added the column between the check and this statement
            if (!columnAdded(sql, statement)) {
              throw e;
            }
          }
        }
      }
      sql.execute(
          "INSERT INTO schema_migrations (version, description, applied_us) VALUES ("
              + script.version()
              + ", "
              + ClickHouseSql.quote(script.description())
              + ", "
              + DerivedRows.micros(java.time.Instant.now())
              + ")");
    }
  }
}
