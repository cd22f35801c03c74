package dev.clianalytics.server.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pinned reports of {@link PinnedReportScenarios}, byte for byte, rendered by a fresh server
 * (so with an empty report cache) on a copy of an embedded database that was filled and inferred
 * once per JVM. The same check as the scenario at a fraction of its cost: mutation testing
 * (docs/testing.md) runs it once per mutant of the report package.
 */
class PinnedReportsReplayTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-02T06:00:00Z"), ZoneOffset.UTC);

  /**
   * Reports and filters the scenario does not pin, pinned here on the embedded database only (as
   * {@code replay-NAME.json} and {@code .csv}); {@code -Dpinned-reports.update=true} rewrites them.
   */
  static final Map<String, String> MORE = more();

  private static Map<String, String> more() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("adoption", "/reports/adoption");
    r.put("platforms", "/reports/platforms");
    r.put("adoption-git", "/reports/adoption?tool=git&from=2026-10-01");
    r.put("platforms-kubectl", "/reports/platforms?tool=kubectl&to=2026-10-20");
    r.put("summary-to", "/reports/summary?to=2026-10-20");
    r.put("hot-paths-1", "/reports/hot-paths?limit=1&tool=git");
    r.put("versions-from", "/reports/versions?from=2026-10-20");
    r.put("recovery-npm", "/reports/recovery?tool=npm");
    r.put("trends-october", "/reports/trends?from=2026-10-01&to=2026-10-20");
    r.put("nsm-1-week", "/reports/nsm?weeks=1&include_ci=false");
    r.put("workflow-apply-late", "/reports/workflows/apply_workflow?from=2026-10-25");
    // workflows found from repeated commands, without a definition in the catalog
    r.put("workflow-auto-git", "/reports/workflows/git_status");
    r.put("workflow-auto-kubectl", "/reports/workflows/kubectl_rollout_undo?tool=kubectl");
    return r;
  }

  /** A data directory holding the sample data, ingested and inferred; built on first use. */
  private static Path seeded;

  private static Map<String, String> env(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("HASH_SALT", "scenario-salt-0123456789");
    env.put("PORT", "0");
    env.put("ADMIN_TOKEN", ServerFixture.TOKEN);
    env.put("INFER_INTERVAL", "0");
    env.put("RETENTION_DAYS", "0");
    return env;
  }

  private static CliAnalyticsServer start(Path dataDir) {
    ServerConfig config = ServerConfig.from(env(dataDir), dataDir.resolve("no.env"));
    return CliAnalyticsServer.start(config, Storages.open(config), CLOCK);
  }

  /**
   * The seeded data directory. With {@code -Dpinned-reports.seed=DIR} (the mutation profile sets a
   * directory unique to the build) it is built once and shared by the JVMs of that build.
   */
  private static synchronized Path seeded() throws IOException {
    if (seeded == null) {
      String shared = System.getProperty("pinned-reports.seed");
      if (shared == null) {
        seeded = seed(Files.createTempDirectory("pinned-seed"));
      } else {
        Path target = Path.of(shared).toAbsolutePath();
        if (!Files.isDirectory(target)) {
          Files.createDirectories(target.getParent());
          Path built = seed(Files.createTempDirectory(target.getParent(), "pinned-seed"));
          try {
            Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException anotherJvmWasFirst) {
            delete(built);
          }
        }
        seeded = target;
      }
    }
    return seeded;
  }

  /** Fills {@code dir} with the sample data and infers, as the pinned scenario does. */
  private static Path seed(Path dir) throws IOException {
    try (CliAnalyticsServer server = start(dir)) {
      Http http = new Http(server.port());
      List<Map<String, Object>> events =
          new SampleGenerator(new SampleOptions(8_000, 24, 28, 42, PinnedReportScenarios.END))
              .generate();
      for (int i = 0; i < events.size(); i += 2_000) {
        Http.Response r =
            http.postJson(
                "/ingest",
                Json.write(events.subList(i, Math.min(events.size(), i + 2_000))),
                ServerFixture.TOKEN);
        assertEquals(200, r.status(), r.body());
      }
      Http.Response r = http.post("/infer", "", "Authorization", "Bearer " + ServerFixture.TOKEN);
      assertEquals(200, r.status(), r.body());
    }
    return dir;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String pinned(String file) throws IOException {
    try (InputStream in =
        PinnedReportsReplayTest.class.getResourceAsStream("/pinned-reports/" + file)) {
      assertNotNull(in, "no pinned file " + file);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A fresh server on a copy of the seeded data, closed (and the copy deleted) after use. */
  private interface WithServer {
    void run(Http http) throws IOException;
  }

  private static void onSeededData(WithServer body) throws IOException {
    Path dir = Files.createTempDirectory("pinned-replay");
    try {
      copy(seeded(), dir);
      try (CliAnalyticsServer server = start(dir)) {
        body.run(new Http(server.port()));
      }
    } finally {
      delete(dir);
    }
  }

  private static Http.Response get(Http http, String path) {
    return http.get(path, "Authorization", "Bearer " + ServerFixture.TOKEN);
  }

  private static String ok(Http http, String path) {
    Http.Response r = get(http, path);
    assertEquals(200, r.status(), path + ": " + r.body());
    return r.body();
  }

  private static String csv(String path) {
    return path + (path.contains("?") ? "&" : "?") + "format=csv";
  }

  @Test
  void everyReport_onTheSavedSampleData_answersItsPinnedJsonAndCsv() throws IOException {
    onSeededData(
        http -> {
          for (var report : PinnedReportScenarios.REPORTS.entrySet()) {
            String path = report.getValue();
            assertEquals(pinned(report.getKey() + ".json"), ok(http, path), path);
            assertEquals(pinned(report.getKey() + ".csv"), ok(http, csv(path)), csv(path));
          }
          boolean update = Boolean.getBoolean("pinned-reports.update");
          for (var report : MORE.entrySet()) {
            String path = report.getValue();
            String name = "replay-" + report.getKey();
            check(name + ".json", ok(http, path), update);
            check(name + ".csv", ok(http, csv(path)), update);
          }
          if (update) {
            fail("pinned reports rewritten in src/test/resources/pinned-reports; rerun without");
          }
          // blank and padded filters read as none and as the stripped value
          assertEquals(pinned("summary.json"), ok(http, "/reports/summary?tool=%20&from="));
          assertEquals(
              pinned("summary-terraform.json"),
              ok(http, "/reports/summary?tool=%20terraform%20&from=%202026-10-15%20"));
        });
  }

  private static void check(String file, String actual, boolean update) throws IOException {
    if (update) {
      Path dir = Path.of("src/test/resources/pinned-reports");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(file), actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(pinned(file), actual, file);
  }

  private static void refused(Http http, String path, String... inMessage) {
    Http.Response r = get(http, path);
    assertEquals(400, r.status(), path + ": " + r.body());
    for (String part : inMessage) {
      assertTrue(r.body().contains(part), path + ": " + r.body() + " lacks " + part);
    }
  }

  @Test
  void reportParameters_outsideTheirNamesOrRanges_areRefusedWithTheReason() throws IOException {
    onSeededData(
        http -> {
          refused(
              http,
              "/reports/summary?bogus=1",
              "unknown query parameter 'bogus'",
              "this report takes from, to, tool, format");
          refused(http, "/reports/hot-paths?bogus=1", "takes from, to, tool, format, limit");
          refused(http, "/reports/nsm?bogus=1", "format, command, include_ci, weeks");
          String longName = "a".repeat(41);
          // a long name is echoed cut to its first 40 characters
          Http.Response r = get(http, "/reports/summary?" + longName + "=1");
          assertEquals(400, r.status(), r.body());
          assertTrue(r.body().contains("'" + "a".repeat(40)), r.body());
          assertFalse(r.body().contains(longName), r.body());
          refused(http, "/reports/summary?" + "b".repeat(40) + "=1", "'" + "b".repeat(40) + "'");
          refused(http, "/reports/summary?tool=a&tool=b", "tool may be given once, was given 2");
          refused(
              http, "/reports/hot-paths?limit=0", "limit must be a whole number from 1 to 1000");
          refused(http, "/reports/hot-paths?limit=1001", "was '1001'");
          refused(http, "/reports/hot-paths?limit=abc", "was 'abc'");
          ok(http, "/reports/hot-paths?limit=1000");
          ok(http, "/reports/hot-paths?limit=%20");
          refused(http, "/reports/nsm?include_ci=maybe", "include_ci must be true or false");
          refused(http, "/reports/nsm?weeks=0", "weeks must be a whole number from 1 to 520");
          refused(http, "/reports/nsm?weeks=521", "was '521'");
          ok(http, "/reports/nsm?weeks=520&include_ci=true");
          refused(
              http,
              "/reports/summary?from=2026-10-20&to=2026-10-01",
              "from (2026-10-20) must not be after to (2026-10-01)");
          ok(http, "/reports/summary?from=2026-10-01&to=2026-10-01");
          refused(
              http,
              "/reports/trends?from=yesterday",
              "from must be a date such as 2026-01-31, was 'yesterday'");
          refused(http, "/reports/versions?to=2026-13-01", "to must be a date");
          Http.Response unknown = get(http, "/reports/workflows/no_such_workflow");
          assertEquals(404, unknown.status(), unknown.body());
          assertTrue(
              unknown.body().contains("no workflow named 'no_such_workflow'"), unknown.body());
        });
  }
}
