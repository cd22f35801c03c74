package dev.clianalytics.server.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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

  @Test
  void everyReport_onTheSavedSampleData_answersItsPinnedJsonAndCsv() throws IOException {
    Path dir = Files.createTempDirectory("pinned-replay");
    try {
      copy(seeded(), dir);
      try (CliAnalyticsServer server = start(dir)) {
        Http http = new Http(server.port());
        for (var report : PinnedReportScenarios.REPORTS.entrySet()) {
          String path = report.getValue();
          String csvPath = path + (path.contains("?") ? "&" : "?") + "format=csv";
          for (var file :
              Map.of(report.getKey() + ".json", path, report.getKey() + ".csv", csvPath)
                  .entrySet()) {
            Http.Response r =
                http.get(file.getValue(), "Authorization", "Bearer " + ServerFixture.TOKEN);
            assertEquals(200, r.status(), file.getValue() + ": " + r.body());
            assertEquals(pinned(file.getKey()), r.body(), file.getKey());
          }
        }
      }
    } finally {
      delete(dir);
    }
  }
}
