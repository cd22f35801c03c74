package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.inference.DerivedSnapshot;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server, a JVM of its own, is killed with SIGKILL in the middle of ingest load, several times,
 * and restarted on the same database each time. Every kill lands while a request is in flight: one
 * batch's body is half sent and the server is waiting for the rest when the kill comes. After the
 * last restart every batch that got no answer is sent again, as a client retrying would, and so is
 * every batch that did (as if its answer had been lost), and read straight from the database every
 * sent event is stored exactly once and nothing else is. Then an incremental inference over what
 * the crashes left must give the same derived tables as a full recomputation from the events: a
 * kill in the middle of an inference (one runs every second) leaves nothing half done that the next
 * run builds on.
 */
@EnabledOnOs(OS.LINUX) // SIGKILL is what destroyForcibly sends on Linux
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CrashSafetyTest {
  private static final int KILLS = 4;
  private static final int CLIENTS = 4;
  private static final int BATCH = 50;
  private static final String INGEST = "ingest-crash-7f3a";
  private static final String ADMIN = "admin-crash-91c2";

  @TempDir Path dir;

  @Test
  void postgres_sigkillDuringIngest_losesNoAcknowledgedEvent() throws Exception {
    try (TestPostgres pg = TestPostgres.create(CrashSafetyTest.class)) {
      Map<String, String> env = env();
      env.put("DATABASE_URL", pg.databaseUrl());
      crashRetryAndCompare("postgres", env, Database.jdbc(pg::connect));
    }
  }

  @Test
  void clickHouse_sigkillDuringIngest_losesNoAcknowledgedEvent() throws Exception {
    try (TestClickHouse ch = TestClickHouse.create(CrashSafetyTest.class)) {
      Map<String, String> env = env();
      env.put("DATABASE_URL", ch.databaseUrl());
      crashRetryAndCompare("clickhouse", env, clickHouse(ch));
    }
  }

  @Test
  void embedded_sigkillDuringIngest_losesNoAcknowledgedEventAndReopens() throws Exception {
    Path data = dir.resolve("data");
    Map<String, String> env = env();
    env.put("DATA_DIR", data.toString());
    crashRetryAndCompare("embedded", env, Database.jdbc(() -> embedded(data)));
  }

  /** A connection to the database the servers share; for the embedded one, no server may run. */
  private interface Connect {
    Connection connect() throws SQLException;
  }

  /** What the servers left in their database, read past them; for the embedded one, none runs. */
  private interface Database {
    /** Every stored event id (as text). */
    List<String> ids() throws SQLException;

    /** Every derived table, as {@link DerivedSnapshot} compares them. */
    Map<String, List<List<String>>> derived() throws SQLException;

    static Database jdbc(Connect connect) {
      return new Database() {
        @Override
        public List<String> ids() throws SQLException {
          try (Connection c = connect.connect()) {
            return StoredEvents.ids(c);
          }
        }

        @Override
        public Map<String, List<List<String>>> derived() throws SQLException {
          try (Connection c = connect.connect()) {
            return DerivedSnapshot.of(c);
          }
        }
      };
    }
  }

  /**
   * ClickHouse read over HTTP: the ids of the committed first copies (docs/scaling-out.md, "Exactly
   * once by event_id"), and the derived views through a storage of its own.
   */
  private Database clickHouse(TestClickHouse ch) {
    return new Database() {
      @Override
      public List<String> ids() {
        return ch.sql(
                "SELECT event_id FROM events WHERE seq IN"
                    + " (SELECT min(seq) FROM event_ids GROUP BY toUUID(event_id))")
            .lines()
            .filter(l -> !l.isBlank())
            .toList();
      }

      @Override
      public Map<String, List<List<String>>> derived() {
        try (Storage storage = Storages.open(ch.databaseUrl(), dir.resolve("snapshot"))) {
          return storage.inference().read(DerivedSnapshot::of);
        }
      }
    };
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("HASH_SALT", "crash-safety-salt-0123456789");
    env.put("INGEST_TOKENS", INGEST);
    env.put("ADMIN_TOKEN", ADMIN);
    env.put("LOG_LEVEL", "WARN");
    // Inference runs during the load too, so some kills land in the middle of it.
    env.put("INFER_INTERVAL", "1s");
    return env;
  }

  private void crashRetryAndCompare(String database, Map<String, String> env, Database db)
      throws Exception {
    IngestLoad.Tally tally = IngestLoad.Tally.create();
    int killedMidRequest = crashRepeatedly(env, tally);
    assertEquals(KILLS, killedMidRequest, "every kill landed while a request was in flight");
    int retried = tally.unacknowledged().size();
    int acknowledgedBeforeRetry = tally.acknowledged().size();

    List<String> beforeRetry = db.ids();
    Set<String> lost = new HashSet<>(tally.acknowledged());
    lost.removeAll(beforeRetry);
    assertEquals(Set.of(), lost, "every acknowledged event is stored");

    Map<String, List<List<String>>> incremental;
    try (ServerProcess server = ServerProcess.start(env, dir.resolve("retry"))) {
      assertEquals(200, server.http().get("/health").status(), server.output());
      for (String body : tally.unacknowledged()) {
        Http.Response r = server.http().postJson("/ingest", body, INGEST);
        assertEquals(200, r.status(), "a batch sent again after the restart: " + r.body());
        IngestLoad.acknowledge(body, tally);
      }
      // A client whose answer was lost after the commit sends a stored batch again. A kill may or
      // may not land in that gap, so every acknowledged batch is sent once more as well.
      for (String body : tally.answered()) {
        Http.Response r = server.http().postJson("/ingest", body, INGEST);
        assertEquals(200, r.status(), "a stored batch sent again: " + r.body());
      }
      infer(server, "/infer");
      server.stop();
    }
    List<String> stored = db.ids();
    incremental = db.derived();
    Map<String, List<List<String>>> full;
    try (ServerProcess server = ServerProcess.start(env, dir.resolve("full"))) {
      infer(server, "/infer?full=true");
      server.stop();
    }
    full = db.derived();

    Set<String> storedSet = new HashSet<>(stored);
    Set<String> unexpected = new HashSet<>(storedSet);
    unexpected.removeAll(tally.sent());
    Set<String> missing = new HashSet<>(tally.sent());
    missing.removeAll(storedSet);
    System.out.printf(
        "reliability: crash %s kills=%d killed_mid_request=%d sent=%d acknowledged_before_retry=%d"
            + " stored_before_retry=%d failed_requests=%d retried_batches=%d stored=%d"
            + " resent_acknowledged_batches=%d duplicates=%d derived_rows=%d"
            + " incremental_equals_full=%s%n",
        database,
        KILLS,
        killedMidRequest,
        tally.sent().size(),
        acknowledgedBeforeRetry,
        beforeRetry.size(),
        tally.failedRequests().get(),
        retried,
        stored.size(),
        tally.answered().size(),
        stored.size() - storedSet.size(),
        full.values().stream().mapToInt(List::size).sum(),
        DerivedSnapshot.diff(full, incremental).isEmpty());
    assertTrue(retried >= KILLS, "at least the half-sent batches are sent again");
    assertEquals(stored.size(), storedSet.size(), "no event id is stored twice");
    assertEquals(Set.of(), unexpected, "nothing is stored that was not sent");
    assertEquals(Set.of(), missing, "every sent event is stored once its batch is sent again");
    assertFalse(full.get("sessions").isEmpty(), "the events make sessions");
    assertFalse(full.get("error_counts").isEmpty(), "the events have errors");
    assertEquals(
        "", DerivedSnapshot.diff(full, incremental), "incremental after crashes vs full recompute");
  }

  /**
   * Starts the server, loads it, opens one more ingest request whose body is half sent, kills the
   * server while it waits for the rest, {@link #KILLS} times. Returns how many kills were seen to
   * land mid-request: the server had not answered the half-sent request before the kill, and the
   * client got no answer after it.
   */
  private int crashRepeatedly(Map<String, String> env, IngestLoad.Tally tally) throws Exception {
    int midRequest = 0;
    for (int round = 0; round < KILLS; round++) {
      try (ServerProcess server = ServerProcess.start(env, dir.resolve("run" + round))) {
        long target = tally.acknowledged().size() + 4L * CLIENTS * BATCH;
        try (IngestLoad load = IngestLoad.start(server.http(), INGEST, CLIENTS, BATCH, tally)) {
          load.awaitAcknowledged(target, Duration.ofSeconds(60));
          ServerProcess.sleep(ThreadLocalRandom.current().nextLong(50, 500));
          try (HalfSent request = HalfSent.open(server.port(), tally)) {
            assertEquals(ServerProcess.SIGKILL_STATUS, server.kill(), "killed by SIGKILL");
            if (request.gotNoAnswer()) {
              midRequest++;
            }
          }
        }
      }
    }
    return midRequest;
  }

  private static void infer(ServerProcess server, String path) {
    Http.Response r = server.http().post(path, "", "Authorization", "Bearer " + ADMIN);
    assertEquals(200, r.status(), path + ": " + r.body() + "\n" + server.output());
  }

  private static Connection embedded(Path dataDir) throws SQLException {
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection(
        "jdbc:duckdb:" + dataDir.resolve(Storages.EMBEDDED_FILE), props);
  }

  /**
   * An ingest request whose headers and first half of the body are sent, the rest held back. Its
   * body goes into the tally as sent and unacknowledged: whatever the server did with it, the
   * client never heard.
   */
  private static final class HalfSent implements AutoCloseable {
    private final Socket socket;

    private HalfSent(Socket socket) {
      this.socket = socket;
    }

    static HalfSent open(int port, IngestLoad.Tally tally) throws IOException {
      String body = IngestLoad.batch("crash-half-sent", BATCH, tally);
      tally.unacknowledged().add(body);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + INGEST
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + bytes.length
              + "\r\n\r\n";
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      // The server has the headers and waits for the rest: nothing may come back yet.
      socket.setSoTimeout(300);
      try {
        int first = socket.getInputStream().read();
        socket.close();
        throw new IllegalStateException(
            "the server answered a half-sent request before the kill (read " + first + ")");
      } catch (SocketTimeoutException expected) {
        // still waiting for the body: the request is in flight
      }
      return new HalfSent(socket);
    }

    /** After the kill: the connection ends (closed or reset) without a byte of answer. */
    boolean gotNoAnswer() throws IOException {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      try {
        return in.read() == -1;
      } catch (SocketTimeoutException hang) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
