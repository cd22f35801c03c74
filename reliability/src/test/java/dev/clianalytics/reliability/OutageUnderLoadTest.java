package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.ThrowawayPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tools using the real client SDK keep recording events while PostgreSQL crashes and comes back.
 * The SDK retries, spools what is unsent when a run ends, and sends the spool on a later run
 * (docs/client.md); the server answers 503 meanwhile and recovers by itself. In the end every
 * recorded event is stored exactly once, and the one server instance served throughout.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OutageUnderLoadTest {
  private static final String INGEST = "ingest-outage-51c9";
  private static final int TOOLS = 4;
  private static final int PER_RUN = 5;

  @TempDir Path dir;

  @Test
  void postgresDownAndBackUnderSdkLoad_everyRecordedEventStoredExactlyOnce() throws Exception {
    try (ThrowawayPostgres pg = ThrowawayPostgres.start();
        CliAnalyticsServer server = start(pg.url())) {
      Http http = new Http(server.port());
      List<Path> homes = new ArrayList<>();
      for (int i = 0; i < TOOLS; i++) {
        homes.add(dir.resolve("tool" + i));
      }
      String url = "http://127.0.0.1:" + server.port() + "/ingest";
      Set<Long> recorded;
      Outage outage;
      try (SdkRuns runs = SdkRuns.start(url, INGEST, homes, PER_RUN)) {
        ServerProcess.sleep(2_000);
        int before = runs.recorded().size();
        long down = System.nanoTime();
        pg.crash();
        int unhealthy = countUnhealthy(http, Duration.ofSeconds(5));
        pg.startServer();
        outage = new Outage(System.nanoTime() - down, runs.recorded().size() - before, 0);
        ServerProcess.sleep(2_000);
        runs.stop();
        recorded = runs.recorded();
        assertTrue(unhealthy > 0, "the server saw the outage (health answered 503)");
        assertTrue(outage.recordedWhileDown() > 0, "the tools kept recording while it was down");
        int drainRuns = runs.drainSpools(Duration.ofSeconds(10), 5);
        assertEquals(0, runs.spooledFiles(), "every spool was sent after " + drainRuns + " runs");
        outage = new Outage(outage.downtimeNanos(), outage.recordedWhileDown(), drainRuns);
      }
      assertEquals(200, http.get("/health").status(), "the same server serves after recovery");
      check(recorded, storedMarkers(pg), outage);
    }
  }

  /** What the outage looked like from outside: its length, events recorded meanwhile. */
  private record Outage(long downtimeNanos, int recordedWhileDown, int drainRuns) {}

  private CliAnalyticsServer start(String databaseUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", databaseUrl);
    env.put("HASH_SALT", "outage-load-salt-0123456789");
    env.put("PORT", "0");
    env.put("INGEST_TOKENS", INGEST);
    env.put("INFER_INTERVAL", "0");
    ServerConfig config = ServerConfig.from(env, dir.resolve("no.env"));
    return CliAnalyticsServer.start(config, Storages.open(databaseUrl, dir.resolve("data")));
  }

  /** Polls {@code /health} for {@code span}; returns how many answers were not 200. */
  private static int countUnhealthy(Http http, Duration span) {
    int unhealthy = 0;
    long end = System.nanoTime() + span.toNanos();
    while (System.nanoTime() < end) {
      if (http.get("/health").status() != 200) {
        unhealthy++;
      }
      ServerProcess.sleep(200);
    }
    return unhealthy;
  }

  /** How often each marker ({@code duration_ms}) of the tools' events is stored. */
  private static Map<Long, Integer> storedMarkers(ThrowawayPostgres pg) throws Exception {
    Map<Long, Integer> stored = new HashMap<>();
    try (Connection c = DatabaseUrl.parse(pg.url()).connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT duration_ms, count(*) FROM events WHERE tool_name = ?"
                    + " GROUP BY duration_ms")) {
      s.setString(1, SdkRuns.TOOL);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          stored.put(rs.getLong(1), rs.getInt(2));
        }
      }
    }
    return stored;
  }

  private static void check(Set<Long> recorded, Map<Long, Integer> stored, Outage outage) {
    long storedRows = stored.values().stream().mapToLong(Integer::longValue).sum();
    long duplicates = stored.values().stream().filter(n -> n > 1).count();
    long missing = recorded.stream().filter(m -> !stored.containsKey(m)).count();
    long unexpected = stored.keySet().stream().filter(m -> !recorded.contains(m)).count();
    System.out.printf(
        "reliability: outage sent=%d stored=%d duplicates=%d missing=%d downtime_s=%.1f"
            + " recorded_while_down=%d drain_runs=%d%n",
        recorded.size(),
        storedRows,
        duplicates,
        missing,
        outage.downtimeNanos() / 1e9,
        outage.recordedWhileDown(),
        outage.drainRuns());
    assertEquals(0, duplicates, "no recorded event is stored twice");
    assertEquals(0, missing, "every recorded event is stored");
    assertEquals(0, unexpected, "nothing is stored that was not recorded");
    assertEquals(recorded.size(), storedRows);
  }
}
