package dev.clianalytics.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference lag and regression gauges of {@code GET /metrics}, read from real data on a real
 * server over the embedded database and over PostgreSQL.
 */
class InferenceMetricsTest {
  private static final String ADMIN = "admin-token-for-metrics-0123456789";
  private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

  /** A clock the test moves by hand. */
  private static final class Manual extends Clock {
    private volatile Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static double gauge(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(scrape);
    assertTrue(m.find(), name + " missing in\n" + scrape);
    return Double.parseDouble(m.group(1));
  }

  /** 20 pushes that succeed on 2.43.0, then 20 that fail on 2.44.0, one actor each. */
  private static List<Map<String, Object>> pushes(Instant start) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean regressed = i >= 20;
      Instant at = start.plus(Duration.ofMinutes(i));
      events.add(
          Ev.at(at)
              .cmd("git push")
              .actor("pusher-" + i)
              .version(regressed ? "2.44.0" : "2.43.0")
              .exit(regressed ? 1 : 0)
              .json());
    }
    // a later event moves the inference horizon past the pushes, so their sessions close
    events.add(Ev.at(start.plus(Duration.ofHours(3))).cmd("git status").actor("late").json());
    return events;
  }

  private static void lagAndRegressions(String databaseUrl, Path dir) {
    Manual clock = new Manual();
    ServerConfig config =
        ServerConfig.builder()
            .databaseUrl(databaseUrl)
            .dataDir(dir)
            .hashSalt("metrics-test-salt-0123456789")
            .port(0)
            .adminTokens(List.of(ADMIN))
            .inferInterval(Duration.ZERO)
            .retentionDays(0)
            .build();
    try (CliAnalyticsServer server =
        CliAnalyticsServer.start(config, Storages.open(databaseUrl, dir), clock)) {
      Http http = new Http(server.port());
      String empty = http.get("/metrics").body();
      assertEquals(0, gauge(empty, "cli_analytics_inference_pending_events"));
      assertEquals(0, gauge(empty, "cli_analytics_inference_lag_seconds"));
      assertEquals(0, gauge(empty, "cli_analytics_version_regressions"));

      Instant start = T0.minus(Duration.ofDays(2));
      Http.Response r = http.postJson("/ingest", Json.write(pushes(start)), ADMIN);
      assertEquals(200, r.status(), r.body());
      clock.now = T0.plusSeconds(90);
      String waiting = http.get("/metrics").body();
      assertEquals(41, gauge(waiting, "cli_analytics_inference_pending_events"));
      assertEquals(90.0, gauge(waiting, "cli_analytics_inference_lag_seconds"));
      assertEquals(0, gauge(waiting, "cli_analytics_version_regressions"));
      assertFalse(
          waiting.contains("cli_analytics_version_regression_newest_timestamp_seconds"), waiting);

      r = http.post("/infer", "", "Authorization", "Bearer " + ADMIN);
      assertEquals(200, r.status(), r.body());
      String inferred = http.get("/metrics").body();
      assertEquals(0, gauge(inferred, "cli_analytics_inference_pending_events"));
      assertEquals(0, gauge(inferred, "cli_analytics_inference_lag_seconds"));
      assertEquals(1, gauge(inferred, "cli_analytics_version_regressions"));
      // the first run of the regressed version: the 21st push
      assertEquals(
          start.plus(Duration.ofMinutes(20)).getEpochSecond(),
          gauge(inferred, "cli_analytics_version_regression_newest_timestamp_seconds"));
    }
  }

  @Test
  void onTheEmbeddedDatabase(@TempDir Path dir) {
    lagAndRegressions(null, dir);
  }

  @Test
  void onPostgres(@TempDir Path dir) {
    try (TestPostgres pg = TestPostgres.create(InferenceMetricsTest.class)) {
      lagAndRegressions(pg.databaseUrl(), dir);
    }
  }

  @Test
  void onClickHouse(@TempDir Path dir) {
    try (TestClickHouse ch = TestClickHouse.create(InferenceMetricsTest.class)) {
      lagAndRegressions(ch.databaseUrl(), dir);
    }
  }
}
