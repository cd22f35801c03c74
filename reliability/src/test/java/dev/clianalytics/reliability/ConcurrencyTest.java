package dev.clianalytics.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.TestPostgres;
import java.net.URLEncoder;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server instances on one PostgreSQL schema ingest the two halves of a sample at the same time,
 * each running inference after every batch (and on its schedule), then four inferences race. Every
 * report then equals the one a single full recomputation gives on a fresh schema with the same
 * events, read from either instance.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConcurrencyTest {
  private static final String ADMIN = "admin-concurrency-2be1";
  private static final int EVENTS = 6_000;
  private static final int BATCH = 100;
  private static final int INGEST_THREADS = 4;

  @TempDir Path dir;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable r : resources.reversed()) {
      r.close();
    }
  }

  @Test
  void twoInstancesIngestingAndInferring_reportAsOneFullRecomputation() throws Exception {
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    List<Map<String, Object>> events =
        new SampleGenerator(new SampleOptions(EVENTS, 20, 21, 11, yesterday)).generate();

    TestPostgres shared = schema();
    List<Http> instances = List.of(server(shared, "a"), server(shared, "b"));
    AtomicInteger inferCalls = new AtomicInteger();
    ingestConcurrently(events, instances, inferCalls);
    raceInferences(instances, inferCalls);

    TestPostgres fresh = schema();
    Http single = server(fresh, "single");
    for (List<Map<String, Object>> batch : batches(events, 1_000)) {
      ingest(single, batch);
    }
    post(single, "/infer?full=true");

    Map<String, Object> expected = Reports.of(single);
    Map<?, ?> summary = (Map<?, ?>) expected.get("/reports/summary");
    assertEquals((long) EVENTS, summary.get("events"));
    assertTrue(((List<?>) summary.get("workflows")).size() > 3, "the sample has workflows");
    assertFalse(((List<?>) summary.get("hot_paths")).isEmpty(), "the sample has hot paths");
    for (Http instance : instances) {
      assertEquals(expected, Reports.of(instance));
    }
    System.out.printf(
        "reliability: concurrency instances=2 events=%d ingest_threads=%d infer_calls=%d"
            + " reports_compared=%d equal=true%n",
        EVENTS, INGEST_THREADS, inferCalls.get(), expected.size());
  }

  /**
   * Batch k goes to ingest thread k mod 4, and thread t to instance t mod 2: the instances get
   * interleaved halves, so one actor's events arrive through both, out of order. Each thread runs
   * an inference after every batch and reads a report now and then, filling the report caches.
   */
  private void ingestConcurrently(
      List<Map<String, Object>> events, List<Http> instances, AtomicInteger inferCalls)
      throws Exception {
    List<List<Map<String, Object>>> batches = batches(events, BATCH);
    ExecutorService pool = Executors.newFixedThreadPool(INGEST_THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < INGEST_THREADS; t++) {
        int thread = t;
        Http http = instances.get(t % instances.size());
        work.add(
            pool.submit(
                () -> {
                  for (int k = thread; k < batches.size(); k += INGEST_THREADS) {
                    ingest(http, batches.get(k));
                    post(http, "/infer");
                    inferCalls.incrementAndGet();
                    if (k % 5 == 0) {
                      assertEquals(200, get(http, "/reports/summary").status());
                    }
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Four {@code POST /infer} calls at once, two on each instance. */
  private static void raceInferences(List<Http> instances, AtomicInteger inferCalls)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Http http = instances.get(i % 2);
        calls.add(pool.submit(() -> post(http, "/infer")));
      }
      for (Future<?> f : calls) {
        f.get();
        inferCalls.incrementAndGet();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private TestPostgres schema() {
    TestPostgres pg = TestPostgres.create(ConcurrencyTest.class);
    resources.add(pg);
    return pg;
  }

  private Http server(TestPostgres pg, String name) {
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", pg.databaseUrl());
    env.put("HASH_SALT", "concurrency-salt-0123456789");
    env.put("PORT", "0");
    env.put("ADMIN_TOKEN", ADMIN);
    env.put("INFER_INTERVAL", "1s");
    Path data = dir.resolve(name);
    ServerConfig config = ServerConfig.from(env, data.resolve("no.env"));
    CliAnalyticsServer server =
        CliAnalyticsServer.start(config, Storages.open(pg.databaseUrl(), data));
    resources.add(server);
    return new Http(server.port());
  }

  private static List<List<Map<String, Object>>> batches(
      List<Map<String, Object>> events, int size) {
    List<List<Map<String, Object>>> batches = new ArrayList<>();
    for (int from = 0; from < events.size(); from += size) {
      batches.add(events.subList(from, Math.min(events.size(), from + size)));
    }
    return batches;
  }

  private static void ingest(Http http, List<Map<String, Object>> batch) {
    Http.Response r = http.postJson("/ingest", Json.write(batch), ADMIN);
    assertEquals(200, r.status(), r.body());
  }

  private static void post(Http http, String path) {
    Http.Response r = http.post(path, "", "Authorization", "Bearer " + ADMIN);
    assertEquals(200, r.status(), r.body());
  }

  static Http.Response get(Http http, String path) {
    return http.get(path, "Authorization", "Bearer " + ADMIN);
  }

  /** Every report the API offers, parsed, by path. */
  static final class Reports {
    private static final List<String> FIXED =
        List.of(
            "/reports/summary",
            "/reports/hot-paths",
            "/reports/recovery",
            "/reports/nsm",
            "/reports/versions",
            "/reports/trends",
            "/workflows");

    static Map<String, Object> of(Http http) {
      Map<String, Object> reports = new HashMap<>();
      for (String path : FIXED) {
        reports.put(path, read(http, path));
      }
      for (Object row : (List<?>) ((Map<?, ?>) reports.get("/reports/summary")).get("workflows")) {
        String name = (String) ((Map<?, ?>) row).get("name");
        String path = "/reports/workflows/" + URLEncoder.encode(name, UTF_8).replace("+", "%20");
        reports.put(path, read(http, path));
      }
      return reports;
    }

    private static Object read(Http http, String path) {
      Http.Response r = get(http, path);
      assertEquals(200, r.status(), path + ": " + r.body());
      return Json.parse(r.body());
    }
  }
}
