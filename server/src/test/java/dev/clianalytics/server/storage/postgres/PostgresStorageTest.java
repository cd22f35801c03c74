package dev.clianalytics.server.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Concurrently;
import dev.clianalytics.server.storage.Events;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.Storage.InsertResult;
import dev.clianalytics.server.storage.StorageUnavailableException;
import dev.clianalytics.server.storage.jdbc.JdbcStorageContractTest;
import dev.clianalytics.server.storage.jdbc.Migrations;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PostgresStorageTest extends JdbcStorageContractTest {
  static final Path NO_DATA_DIR = Path.of("unused-by-postgres");

  TestPostgres pg;

  @Override
  protected Storage newStorage() {
    pg = TestPostgres.create(PostgresStorageTest.class);
    return Storages.open(pg.databaseUrl(), NO_DATA_DIR);
  }

  @AfterEach
  void dropSchema() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void migrate_twoInstancesAtOnceOnAFreshSchema_applyEachVersionOnce() throws Exception {
    TestPostgres fresh = TestPostgres.create(PostgresStorageTest.class);
    try {
      Concurrently.run(
          4,
          t -> {
            try (Storage s = Storages.open(fresh.databaseUrl(), NO_DATA_DIR)) {
              s.migrate();
            }
            return t;
          });

      assertEquals(
          Migrations.POSTGRES.size(), count(fresh, "SELECT count(*) FROM schema_migrations"));
    } finally {
      fresh.close();
    }
  }

  @Test
  @Timeout(60) // a guard against hanging, not a timing assertion
  void everyCall_unreachableDatabase_throwsStorageUnavailable() {
    try (Storage down = Storages.open("postgresql://postgres@127.0.0.1:1/x", NO_DATA_DIR)) {
      assertThrows(StorageUnavailableException.class, down::ping);
      assertThrows(StorageUnavailableException.class, down::migrate);
      assertThrows(
          StorageUnavailableException.class,
          () -> down.insertEvents(Events.many(3, "a", 1), RECEIVED));
    }
  }

  @Test
  void unreachableDatabase_errorMessage_hidesThePassword() {
    try (Storage down = Storages.open("postgresql://postgres:hunter2@127.0.0.1:1/x", NO_DATA_DIR)) {
      StorageUnavailableException e = assertThrows(StorageUnavailableException.class, down::ping);

      assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
      assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void insertEvents_afterThePoolsBackendsAreTerminated_succeedsWithoutReopening()
      throws SQLException {
    String name = pg.schema();
    try (Storage own = Storages.open(pg.databaseUrl() + "&application_name=" + name, NO_DATA_DIR)) {
      own.insertEvents(Events.many(5, "a", 1), RECEIVED);
      own.countEvents(); // the pool now holds connections that will be killed while idle

      int killed = terminateBackends(name);
      InsertResult after = own.insertEvents(Events.many(5, "b", 1), RECEIVED);

      assertTrue(killed > 0, "no pooled backend was found to terminate");
      assertEquals(new InsertResult(5, 0), after);
      assertEquals(10, own.countEvents());
    }
  }

  @Test
  void insertEvents_whileBackendsAreTerminatedRepeatedly_storesEveryAcknowledgedBatch()
      throws Exception {
    String name = pg.schema();
    List<java.util.UUID> acknowledged = new ArrayList<>();
    int failures = 0;
    try (Storage own = Storages.open(pg.databaseUrl() + "&application_name=" + name, NO_DATA_DIR)) {
      for (int round = 0; round < 20; round++) {
        var batch = Events.many(50, "r" + round + "-", 5);
        if (round % 3 == 0) {
          terminateBackends(name);
        }
        try {
          own.insertEvents(batch, RECEIVED);
          batch.forEach(e -> acknowledged.add(e.eventId()));
        } catch (StorageUnavailableException e) {
          failures++;
        }
      }
      assertEquals(0, failures);
      assertEquals(acknowledged.size(), own.countEvents());
    }
  }

  @Test
  @Timeout(60) // a guard against hanging, not a timing assertion
  void insertEvents_whileAnotherSessionHoldsTheIngestLock_failsInsteadOfWaitingForever()
      throws SQLException {
    try (Connection holder = pg.connect()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + PostgresStorage.SEQ_LOCK + ")");
      }

      assertThrows(
          StorageUnavailableException.class,
          () -> storage.insertEvents(Events.many(3, "a", 1), RECEIVED));

      holder.rollback();
    }
    assertEquals(new InsertResult(3, 0), storage.insertEvents(Events.many(3, "a", 1), RECEIVED));
  }

  @Test
  @Timeout(60) // a guard against hanging, not a timing assertion
  void lastSeq_whileABatchIsUncommitted_waitsAndIncludesIt() throws Exception {
    storage.insertEvents(Events.many(2, "a", 1), RECEIVED);
    try (Connection inserter = pg.connect()) {
      inserter.setAutoCommit(false);
      long pending = insertUncommittedLikeABatch(inserter);
      ExecutorService executor = Executors.newSingleThreadExecutor();
      try {
        Future<Long> last = executor.submit(storage::lastSeq);
        awaitLockWaiter();

        inserter.commit();

        assertEquals(pending, last.get());
      } finally {
        executor.shutdownNow();
      }
    }
  }

  /** What insertEvents does before its commit: shared seq lock, then a row with a new seq. */
  private static long insertUncommittedLikeABatch(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock_shared(" + PostgresStorage.SEQ_LOCK + ")");
      try (ResultSet rs =
          s.executeQuery(
              "INSERT INTO events (event_id, received_at, ts, tool_name, command_path,"
                  + " flags_present, exit_code, actor_id, ci_detected) VALUES"
                  + " (gen_random_uuid(), now(), now(), 't', '{t}', '{}', 0, 'x', false)"
                  + " RETURNING seq")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Blocks until some session of this database waits for an advisory lock. */
  private void awaitLockWaiter() throws Exception {
    try (Connection c = pg.connect();
        Statement s = c.createStatement()) {
      while (true) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname ="
                    + " current_database())")) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
  }

  private int terminateBackends(String applicationName) throws SQLException {
    try (Connection c = pg.connect();
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      s.setString(1, applicationName);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static long count(TestPostgres db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
