package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Files;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server instances on one PostgreSQL database ingest and infer at the same time, then four
 * inferences race: the derived tables and reports equal those of one full recomputation.
 */
class PostgresConcurrentInferenceTest {
  private static final String TOKEN = "admin-token-concurrency";

  private TestPostgres pg;
  private final List<CliAnalyticsServer> servers = new ArrayList<>();
  private final List<Http> https = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    pg = TestPostgres.create(PostgresConcurrentInferenceTest.class);
    for (int i = 0; i < 2; i++) {
      Path dir = Files.createTempDirectory("concurrency");
      Map<String, String> env = new HashMap<>();
      env.put("DATABASE_URL", pg.databaseUrl());
      env.put("HASH_SALT", "concurrency-salt-0123456789");
      env.put("PORT", "0");
      env.put("ADMIN_TOKEN", TOKEN);
      env.put("INFER_INTERVAL", "0");
      ServerConfig config = ServerConfig.from(env, dir.resolve("no.env"));
      CliAnalyticsServer server =
          CliAnalyticsServer.start(config, Storages.open(pg.databaseUrl(), dir));
      servers.add(server);
      https.add(new Http(server.port()));
    }
  }

  @AfterEach
  void stop() {
    servers.forEach(CliAnalyticsServer::close);
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void twoInstancesIngestingAndInferring_giveTheTablesOfOneFullRecomputation() throws Exception {
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    List<Map<String, Object>> events =
        new SampleGenerator(new SampleOptions(3_000, 12, 14, 7, yesterday)).generate();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int instance = 0; instance < 2; instance++) {
        int me = instance;
        work.add(pool.submit(() -> ingestHalf(events, me)));
      }
      for (Future<?> f : work) {
        f.get();
      }
      work.clear();
      for (int i = 0; i < 4; i++) {
        Http http = https.get(i % 2);
        work.add(pool.submit(() -> post(http, "/infer")));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<?, ?> incrementalSummary = get("/reports/summary");
    var incremental = snapshot();

    post(https.get(0), "/infer?full=true");

    var full = snapshot();
    assertEquals("", DerivedSnapshot.diff(full, incremental), "full recomputation vs incremental");
    assertEquals(full, incremental);
    assertEquals(get("/reports/summary"), incrementalSummary);
    assertEquals(3_000L, incrementalSummary.get("events"));
    assertTrue(((List<?>) incrementalSummary.get("workflows")).size() > 3);
  }

  // Every other batch of 100 goes to this instance, each followed by an inference.
  private void ingestHalf(List<Map<String, Object>> events, int instance) {
    Http http = https.get(instance);
    for (int from = instance * 100; from < events.size(); from += 200) {
      List<Map<String, Object>> batch = events.subList(from, Math.min(events.size(), from + 100));
      Http.Response r = http.postJson("/ingest", Json.write(batch), TOKEN);
      assertEquals(200, r.status(), r.body());
      post(http, "/infer");
    }
  }

  private static void post(Http http, String path) {
    Http.Response r = http.post(path, "", "Authorization", "Bearer " + TOKEN);
    assertEquals(200, r.status(), r.body());
  }

  private Map<?, ?> get(String path) {
    return (Map<?, ?>)
        Json.parse(https.get(1).get(path, "Authorization", "Bearer " + TOKEN).body());
  }

  private Map<String, List<List<String>>> snapshot() throws Exception {
    try (Storage storage = Storages.open(pg.databaseUrl(), Files.createTempDirectory("snap"))) {
      return DerivedSnapshot.of(storage);
    }
  }
}
