package dev.clianalytics.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code posthog} at its smallest size on both databases: every run goes through both paths (a
 * rejected event would stop it) and the last line is one JSON object with exactly the promised
 * figures. The figures' values are not judged here.
 */
class PosthogBenchTest {
  @Test
  @Timeout(180)
  void embedded_sendsTheSameRunsBothWaysAndPrintsItsFiguresLast() throws Exception {
    check(null);
  }

  @Test
  @Timeout(180)
  void postgres_sendsTheSameRunsBothWaysAndPrintsItsFiguresLast() throws Exception {
    check(TestPostgres.configuredUrl());
  }

  private static void check(String databaseUrl) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(captured, true, UTF_8));
    try {
      PosthogBench.run(new BenchArgs(databaseUrl, 20_000));
    } finally {
      System.setOut(stdout);
    }
    List<String> lines = captured.toString(UTF_8).lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("/ingest: ")), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("/batch/: ")), lines.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> figures = (Map<String, Object>) Json.parse(lines.getLast());
    assertEquals(
        Set.of("ingest_events_per_s", "posthog_events_per_s", "ratio_to_ingest"), figures.keySet());
    for (Object value : figures.values()) {
      assertTrue(((Number) value).doubleValue() > 0, figures.toString());
    }
  }
}
