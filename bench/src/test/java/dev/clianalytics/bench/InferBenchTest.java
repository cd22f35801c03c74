package dev.clianalytics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code infer} at its smallest size on every database: the warm-up runs, the timed pairs of a read
 * and a full inference, the incremental inferences over the expected numbers of events (10,000,
 * then a quarter of those stored) and the full one after them, and a last line that is one JSON
 * object with exactly the figures the benchmark promises. The figures' values are not judged here.
 */
class InferBenchTest {
  @Test
  @Timeout(120)
  void embedded_printsItsFiguresAsOneJsonLineLast() throws Exception {
    check(null);
  }

  @Test
  @Timeout(120)
  void postgres_printsItsFiguresAsOneJsonLineLast() throws Exception {
    check(TestPostgres.configuredUrl());
  }

  @Test
  @Timeout(180)
  void clickHouse_printsItsFiguresAsOneJsonLineLast() throws Exception {
    try (TestClickHouse ch = TestClickHouse.create(InferBenchTest.class)) {
      check(ch.databaseUrl()); // the benchmark makes and drops a scratch database of its own
    }
  }

  private static void check(String databaseUrl) throws Exception {
    Printed printed = Printed.by(() -> InferBench.run(new BenchArgs(databaseUrl, 20_000)));
    printed.assertLineStartingWith("warm-up: " + InferBench.WARM_UP_RUNS + " full inferences");
    assertEquals(
        InferBench.PAIRS,
        printed.lines().stream().filter(l -> l.startsWith("full inference: 20000 events")).count(),
        "one line per timed pair: " + printed.lines());
    printed.assertLineStartingWith("incremental: 10000 events");
    printed.assertLineStartingWith(
        "5000 more events: incremental in "); // a quarter of 20,000: fewer than a slice
    assertTrue(
        printed.lines().stream().anyMatch(l -> l.contains("a full run over all 35000 events: ")),
        printed.lines().toString());
    Map<String, Object> figures = printed.figures();
    assertEquals(
        Set.of(
            "full_events_per_s",
            "ratio_to_read",
            "incremental_10k_ms",
            "quarter_new_events",
            "quarter_incremental_ms",
            "quarter_full_ms",
            "max_heap_mb"),
        figures.keySet());
    for (Map.Entry<String, Object> figure : figures.entrySet()) {
      double value = ((Number) figure.getValue()).doubleValue();
      assertTrue(value >= 0 && Double.isFinite(value), figure.toString());
    }
    assertTrue(((Number) figures.get("full_events_per_s")).doubleValue() > 0, figures.toString());
    assertTrue(((Number) figures.get("ratio_to_read")).doubleValue() > 0, figures.toString());
  }
}
