package dev.clianalytics.server.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server stopped while its scheduled inference waits on PostgreSQL cancels that statement and
 * waits for the inference to roll back before it closes the database: one log line, no broken
 * connection, no stack trace (docs/server.md, Stopping). The inference is held on its advisory lock
 * by a transaction of the test, so it is certainly running when the server stops.
 */
class StopDuringInferenceTest {
  static TestPostgres pg;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    pg = TestPostgres.create(StopDuringInferenceTest.class);
  }

  @AfterAll
  static void stop() {
    pg.close();
  }

  @Test
  void stoppingWhileInferenceWaitsOnTheDatabase_logsNoStackTrace() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (Connection holder = pg.connect();
        Connection watcher = pg.connect()) {
      ServerConfig config =
          ServerConfig.from(
              Map.of(
                  "DATA_DIR", dir.toString(),
                  "PORT", "0",
                  "INGEST_TOKENS", "t",
                  "INFER_INTERVAL", "1s",
                  "HASH_SALT", "stop-during-inference-salt",
                  "DATABASE_URL", pg.databaseUrl()),
              dir.resolve("none"));
      CliAnalyticsServer server =
          CliAnalyticsServer.start(config, Storages.open(pg.databaseUrl(), dir));
      try {
        Http http = new Http(server.port());
        http.post(
            "/ingest", Json.write(List.of(Ev.recent("a").json())), "Authorization", "Bearer t");
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(" + 0x636c69616e696e66L + ")");
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!inferenceWaits(watcher)) {
          assertTrue(System.nanoTime() < deadline, "inference never waited on the lock");
          Thread.sleep(50);
        }
      } finally {
        server.close();
        System.setErr(original);
      }
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    int inferenceStopped = log.indexOf("inference stopped with the server");
    assertTrue(inferenceStopped >= 0, "the cancelled inference was reported: " + log);
    assertTrue(
        inferenceStopped < log.indexOf("cli-analytics stopped"),
        "the inference ended before the database closed: " + log);
    // 08006: the connection broke mid-statement, as it does when the pool closes under it
    assertFalse(log.contains("08006") || log.contains("scheduled inference failed"), log);
    assertFalse(log.contains("\tat "), log);
  }

  private static boolean inferenceWaits(Connection c) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE '%pg_advisory_xact_lock%' AND pid <> pg_backend_pid()")) {
      r.next();
      return r.getInt(1) > 0;
    }
  }
}
