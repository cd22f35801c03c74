package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.testing.TestClickHouse;
import org.junit.jupiter.api.Test;

class ClickHouseMigrationsTest {
  @Test
  void scriptRunTwice_asByTwoInstancesMigratingAtOnce_skipsTheColumnsAlreadyAdded()
      throws Exception {
    try (TestClickHouse ch = TestClickHouse.create(ClickHouseMigrationsTest.class);
        ClickHouseStorage storage = ClickHouseStorage.open(ClickHouseUrl.parse(ch.databaseUrl()))) {
      storage.migrate();
      assertTrue(
          ClickHouseMigrations.columnAdded(
              storage.sql(), "ALTER TABLE inference_runs ADD COLUMN part UInt32 DEFAULT 0"));
      assertFalse(
          ClickHouseMigrations.columnAdded(
              storage.sql(), "ALTER TABLE inference_runs ADD COLUMN other UInt32 DEFAULT 0"));
      assertFalse(ClickHouseMigrations.columnAdded(storage.sql(), "CREATE VIEW IF NOT EXISTS v"));

      // forget that V3 ran, as an instance that read schema_migrations before it was recorded
      ch.sql("ALTER TABLE schema_migrations DELETE WHERE version = 3");
      while (!ch.sql(
              "SELECT count() FROM system.mutations WHERE is_done = 0 AND database = '"
                  + ch.database()
                  + "'")
          .strip()
          .equals("0")) {
        Thread.sleep(20);
      }
      storage.migrate();
      assertEquals("1", ch.sql("SELECT count() FROM schema_migrations WHERE version = 3").strip());
      // the views the script recreated answer
      assertEquals("0", ch.sql("SELECT count() FROM sessions").strip());
      assertEquals("0", ch.sql("SELECT count() FROM inference_live").strip());
    }
  }
}
