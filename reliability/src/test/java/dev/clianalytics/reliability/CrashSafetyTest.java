package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * and restarted on the same database each time. Read straight from the database afterwards, every
 * acknowledged event is stored and nothing was stored that was not sent: an acknowledgement means
 * the events are durable, whatever happens next.
 */
@EnabledOnOs(OS.LINUX) // SIGKILL is what destroyForcibly sends on Linux
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrashSafetyTest {
  private static final int KILLS = 5;
  private static final int CLIENTS = 4;
  private static final int BATCH = 50;
  private static final String INGEST = "ingest-crash-7f3a";

  @TempDir Path dir;

  @Test
  void postgres_sigkillDuringIngest_losesNoAcknowledgedEvent() throws Exception {
    try (TestPostgres pg = TestPostgres.create(CrashSafetyTest.class)) {
      Map<String, String> env = env();
      env.put("DATABASE_URL", pg.databaseUrl());
      IngestLoad.Tally tally = crashRepeatedly(env);
      check("postgres", tally, StoredEvents.postgres(pg));
    }
  }

  @Test
  void embedded_sigkillDuringIngest_losesNoAcknowledgedEventAndReopens() throws Exception {
    Path data = dir.resolve("data");
    Map<String, String> env = env();
    env.put("DATA_DIR", data.toString());
    IngestLoad.Tally tally = crashRepeatedly(env);
    check("embedded", tally, StoredEvents.embedded(data));
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("HASH_SALT", "crash-safety-salt-0123456789");
    env.put("INGEST_TOKENS", INGEST);
    env.put("LOG_LEVEL", "WARN");
    // Inference runs during the load too, so some kills land in the middle of it.
    env.put("INFER_INTERVAL", "1s");
    return env;
  }

  /**
   * Starts the server, loads it, kills it at a random moment, {@link #KILLS} times; then starts it
   * once more (it must reopen the database the last kill left) and stops it gently.
   */
  private IngestLoad.Tally crashRepeatedly(Map<String, String> env) throws Exception {
    IngestLoad.Tally tally = IngestLoad.Tally.create();
    for (int round = 0; round < KILLS; round++) {
      try (ServerProcess server = ServerProcess.start(env, dir.resolve("run" + round))) {
        long target = tally.acknowledged().size() + 4L * CLIENTS * BATCH;
        try (IngestLoad load = IngestLoad.start(server.http(), INGEST, CLIENTS, BATCH, tally)) {
          load.awaitAcknowledged(target, Duration.ofSeconds(60));
          ServerProcess.sleep(ThreadLocalRandom.current().nextLong(50, 500));
          assertEquals(ServerProcess.SIGKILL_STATUS, server.kill(), "killed by SIGKILL");
        }
      }
    }
    try (ServerProcess server = ServerProcess.start(env, dir.resolve("final"))) {
      assertEquals(200, server.http().get("/health").status(), server.output());
      server.stop();
    }
    return tally;
  }

  private static void check(String database, IngestLoad.Tally tally, List<String> stored) {
    Set<String> storedSet = new HashSet<>(stored);
    assertEquals(stored.size(), storedSet.size(), "no event id is stored twice");
    Set<String> lost = new HashSet<>(tally.acknowledged());
    lost.removeAll(storedSet);
    Set<String> unexpected = new HashSet<>(storedSet);
    unexpected.removeAll(tally.sent());
    System.out.printf(
        "reliability: crash %s kills=%d sent=%d acknowledged=%d stored=%d lost=%d"
            + " unsent_stored=%d failed_requests=%d%n",
        database,
        KILLS,
        tally.sent().size(),
        tally.acknowledged().size(),
        stored.size(),
        lost.size(),
        unexpected.size(),
        tally.failedRequests().get());
    assertEquals(Set.of(), lost, "every acknowledged event is stored");
    assertEquals(Set.of(), unexpected, "nothing is stored that was not sent");
  }
}
