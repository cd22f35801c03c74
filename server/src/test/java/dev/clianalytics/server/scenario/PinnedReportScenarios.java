package dev.clianalytics.server.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every report's JSON and CSV, byte for byte, on fixed sample data at a fixed time, against the
 * files in {@code src/test/resources/pinned-reports}: a refactoring of the report code must not
 * change one byte. After an intended change, rerun with {@code -Dpinned-reports.update=true} to
 * rewrite the files (the run then fails once, so an update is never silent), and review the diff.
 */
interface PinnedReportScenarios extends Scenarios {
  LocalDate END = LocalDate.of(2026, 11, 1);

  /** Report name to path; each is fetched as JSON and as CSV. */
  Map<String, String> REPORTS = reports();

  private static Map<String, String> reports() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("summary", "/reports/summary");
    r.put("summary-terraform", "/reports/summary?tool=terraform&from=2026-10-15");
    r.put("workflow-apply", "/reports/workflows/apply_workflow");
    r.put("hot-paths", "/reports/hot-paths?limit=15");
    r.put("recovery", "/reports/recovery");
    r.put("nsm", "/reports/nsm");
    r.put("nsm-ci", "/reports/nsm?include_ci=true&weeks=3");
    r.put("versions", "/reports/versions");
    r.put("trends", "/reports/trends");
    return r;
  }

  @Test
  default void reports_onFixedSampleData_answerTheirPinnedJsonAndCsvByteForByte() {
    restart(
        Map.of("RETENTION_DAYS", "0"),
        Clock.fixed(Instant.parse("2026-11-02T06:00:00Z"), ZoneOffset.UTC));
    List<Map<String, Object>> events =
        new SampleGenerator(new SampleOptions(8_000, 24, 28, 42, END)).generate();
    ingest(events);
    infer();
    boolean update = Boolean.getBoolean("pinned-reports.update");
    for (var report : REPORTS.entrySet()) {
      String path = report.getValue();
      String csvPath = path + (path.contains("?") ? "&" : "?") + "format=csv";
      check(report.getKey() + ".json", body(path), update);
      check(report.getKey() + ".csv", body(csvPath), update);
    }
    if (update) {
      fail("pinned reports rewritten in src/test/resources/pinned-reports; rerun without update");
    }
  }

  private String body(String path) {
    Http.Response r = http().get(path, "Authorization", "Bearer " + ServerFixture.TOKEN);
    assertEquals(200, r.status(), path + ": " + r.body());
    return r.body();
  }

  private static void check(String file, String actual, boolean update) {
    if (update) {
      try {
        Path dir = Path.of("src/test/resources/pinned-reports");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (InputStream in =
        PinnedReportScenarios.class.getResourceAsStream("/pinned-reports/" + file)) {
      if (in == null) {
        fail("no pinned file " + file + "; run with -Dpinned-reports.update=true to create it");
      }
      assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
