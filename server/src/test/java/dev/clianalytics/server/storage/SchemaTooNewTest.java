package dev.clianalytics.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database migrated by a newer cli-analytics: {@code migrate} and the server's start refuse with
 * one line naming both versions, on every database (PostgreSQL does not wait it out as an outage).
 */
class SchemaTooNewTest {

  /** Opens a plain JDBC connection to the test database. */
  @FunctionalInterface
  private interface Connect {
    Connection open() throws SQLException;
  }

  /** Migrates, then records a version one past the newest; returns the newest this code knows. */
  private static int future(String databaseUrl, Path dir, Connect connect) throws SQLException {
    try (Storage storage = Storages.open(databaseUrl, dir)) {
      storage.migrate();
    }
    try (Connection c = connect.open();
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_migrations");
      rs.next();
      int newest = rs.getInt(1);
      s.execute(
          "INSERT INTO schema_migrations VALUES ("
              + (newest + 1)
              + ", 'from the future', CURRENT_TIMESTAMP)");
      return newest;
    }
  }

  /** Migrates and records a version one past the newest; returns the newest this code knows. */
  @FunctionalInterface
  private interface Future {
    int record() throws SQLException;
  }

  private static void check(String databaseUrl, Path dir, Connect connect) throws SQLException {
    check(databaseUrl, dir, () -> future(databaseUrl, dir, connect));
  }

  private static void check(String databaseUrl, Path dir, Future future) throws SQLException {
    int newest = future.record();
    String expected =
        "the database schema is at version "
            + (newest + 1)
            + " but this server knows only "
            + newest;
    try (Storage storage = Storages.open(databaseUrl, dir)) {
      SchemaTooNewException e = assertThrows(SchemaTooNewException.class, storage::migrate);
      assertTrue(e.getMessage().startsWith(expected), e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
    ServerConfig config =
        ServerConfig.builder()
            .databaseUrl(databaseUrl)
            .dataDir(dir)
            .hashSalt("schema-test-salt-0123456789")
            .port(0)
            .adminTokens(List.of("schema-admin-token-0123456789"))
            .inferInterval(Duration.ZERO)
            .build();
    SchemaTooNewException e =
        assertThrows(
            SchemaTooNewException.class,
            () -> CliAnalyticsServer.start(config, Storages.open(databaseUrl, dir)).close());
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }

  @Test
  void onTheEmbeddedDatabase(@TempDir Path dir) throws SQLException {
    check(
        null,
        dir,
        () ->
            DriverManager.getConnection(
                "jdbc:duckdb:" + dir.resolve(Storages.EMBEDDED_FILE).toAbsolutePath()));
  }

  @Test
  void onPostgres(@TempDir Path dir) throws SQLException {
    try (TestPostgres pg = TestPostgres.create(SchemaTooNewTest.class)) {
      check(pg.databaseUrl(), dir, pg::connect);
    }
  }

  @Test
  void onClickHouse(@TempDir Path dir) throws SQLException {
    try (TestClickHouse ch = TestClickHouse.create(SchemaTooNewTest.class)) {
      check(
          ch.databaseUrl(),
          dir,
          () -> {
            try (Storage storage = Storages.open(ch.databaseUrl(), dir)) {
              storage.migrate();
            }
            int newest =
                Integer.parseInt(ch.sql("SELECT max(version) FROM schema_migrations").strip());
            ch.sql(
                "INSERT INTO schema_migrations (version, description, applied_us) VALUES ("
                    + (newest + 1)
                    + ", 'from the future', 0)");
            return newest;
          });
    }
  }
}
