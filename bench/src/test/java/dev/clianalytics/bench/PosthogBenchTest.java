package dev.clianalytics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.testing.TestPostgres;
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
    Printed printed = Printed.by(() -> PosthogBench.run(new BenchArgs(databaseUrl, 20_000)));
    printed.assertLineStartingWith("/ingest: ");
    printed.assertLineStartingWith("/batch/: ");
    Map<String, Object> figures = printed.figures();
    assertEquals(
        Set.of("ingest_events_per_s", "posthog_events_per_s", "ratio_to_ingest"), figures.keySet());
    for (Object value : figures.values()) {
      assertTrue(((Number) value).doubleValue() > 0, figures.toString());
    }
  }
}
