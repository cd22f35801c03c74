package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.TestClickHouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inference split by {@code INFER_PARTITION} on a two-shard ClickHouse cluster
 * (docs/scaling-out.md, "Several instances inferring"): CLI Analytics instances on both servers
 * ingest the sample data and infer their shares at the same time, two of them the same share, and
 * every report equals the one of a single full recomputation of all actors.
 */
class ClickHouseInferPartitionTest {
  private static final String TOKEN = "admin-token-partition";

  /** Every report, as JSON. */
  private static final List<String> REPORTS =
      List.of(
          "/reports/summary",
          "/reports/summary?tool=terraform",
          "/reports/workflows/apply_workflow",
          "/reports/hot-paths?limit=50",
          "/reports/recovery",
          "/reports/nsm",
          "/reports/nsm?include_ci=true&weeks=3",
          "/reports/versions",
          "/reports/trends",
          "/reports/adoption",
          "/reports/platforms");

  private TestClickHouse.TwoShards cluster;
  private String database;
  private final List<CliAnalyticsServer> servers = new ArrayList<>();

  @BeforeEach
  void createDatabase() {
    cluster = TestClickHouse.twoShards();
    database = cluster.createDatabase(ClickHouseInferPartitionTest.class);
  }

  @AfterEach
  void stop() {
    servers.forEach(CliAnalyticsServer::close);
    if (database != null) {
      cluster.dropDatabase(database);
    }
  }

  /** An instance on cluster server {@code server}, inferring {@code share} (null: every actor). */
  private Http start(int server, String share) throws Exception {
    Path dir = Files.createTempDirectory("partition");
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", cluster.databaseUrl(server, database));
    env.put("CLICKHOUSE_CLUSTER", TestClickHouse.TwoShards.CLUSTER);
    env.put("HASH_SALT", "partition-salt-0123456789");
    env.put("PORT", "0");
    env.put("ADMIN_TOKEN", TOKEN);
    env.put("INFER_INTERVAL", "0");
    env.put("RETENTION_DAYS", "0");
    if (share != null) {
      env.put("INFER_PARTITION", share);
    }
    ServerConfig config = ServerConfig.from(env, dir.resolve("no.env"));
    CliAnalyticsServer instance = CliAnalyticsServer.start(config, Storages.open(config));
    servers.add(instance);
    return new Http(instance.port());
  }

  @Test
  void sharesInferredAtOnce_twoOfThemTheSame_giveTheReportsOfOneFullRecomputation()
      throws Exception {
    Http first = start(0, "0/2");
    Http second = start(1, "1/2");
    Http same = start(1, "0/2");
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    List<Map<String, Object>> events =
        new SampleGenerator(new SampleOptions(3_000, 12, 14, 7, yesterday)).generate();

    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      // each instance ingests every other batch, inferring its share after some of them: the
      // shares are inferred incrementally while the other instance's batches arrive. The instance
      // with the same share as the first races it only below, from one quiet state: a run that
      // continued the loser of an earlier race is the case docs/scaling-out.md leaves to the next
      // full recomputation (ClickHouseSameShareRaceTest holds two runs of one share at the race).
      all(pool, () -> ingestHalf(first, events, 0), () -> ingestHalf(second, events, 1));
      all(
          pool,
          () -> post(first, "/infer"),
          () -> post(second, "/infer"),
          () -> post(same, "/infer"));
    } finally {
      pool.shutdownNow();
    }
    Map<String, Object> partitioned = reports(first);
    assertEquals(partitioned, reports(second), "every instance reads the same views");
    Map<?, ?> summary = (Map<?, ?>) partitioned.get("/reports/summary");
    assertEquals(3_000L, summary.get("events"));
    assertTrue(((List<?>) summary.get("workflows")).size() > 3, "workflows: " + summary);

    Http whole = start(0, null);
    post(whole, "/infer?full=true");
    Map<String, Object> full = reports(whole);
    assertEquals(full, partitioned, "partitioned inference vs one full recomputation");

    // the full run of every actor replaced the shares' rows; each share now infers in full again
    pool = Executors.newFixedThreadPool(2);
    try {
      all(pool, () -> post(first, "/infer"), () -> post(second, "/infer"));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(full, reports(second), "the shares, inferred again after the full run");
  }

  private static void all(ExecutorService pool, Runnable... tasks) throws Exception {
    List<Future<?>> work = new ArrayList<>();
    for (Runnable task : tasks) {
      work.add(pool.submit(task));
    }
    for (Future<?> f : work) {
      f.get();
    }
  }

  // Every other batch of 200 goes to this instance; an inference of its share after every third.
  private static void ingestHalf(Http http, List<Map<String, Object>> events, int instance) {
    int batches = 0;
    for (int from = instance * 200; from < events.size(); from += 400) {
      List<Map<String, Object>> batch = events.subList(from, Math.min(events.size(), from + 200));
      Http.Response r = http.postJson("/ingest", Json.write(batch), TOKEN);
      assertEquals(200, r.status(), r.body());
      if (++batches % 3 == 0) {
        post(http, "/infer");
      }
    }
  }

  private static void post(Http http, String path) {
    Http.Response r = http.post(path, "", "Authorization", "Bearer " + TOKEN);
    assertEquals(200, r.status(), r.body());
  }

  private static Map<String, Object> reports(Http http) {
    Map<String, Object> answers = new LinkedHashMap<>();
    for (String path : REPORTS) {
      Http.Response r = http.get(path, "Authorization", "Bearer " + TOKEN);
      assertEquals(200, r.status(), path + ": " + r.body());
      answers.put(path, Json.parse(r.body()));
    }
    return answers;
  }
}
