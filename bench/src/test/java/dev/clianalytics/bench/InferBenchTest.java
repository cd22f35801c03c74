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
 * {@code infer} at its smallest size on both databases: the warm-up runs, the timed full and
 * incremental inferences over the expected numbers of events, and a last line that is one JSON
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

  private static void check(String databaseUrl) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(captured, true, UTF_8));
    try {
      InferBench.run(new BenchArgs(databaseUrl, 20_000));
    } finally {
      System.setOut(stdout);
    }
    List<String> lines = captured.toString(UTF_8).lines().toList();
    assertTrue(
        lines.stream()
            .anyMatch(
                l -> l.startsWith("warm-up: " + InferBench.WARM_UP_RUNS + " full inferences")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("full inference: 20000 events")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("incremental: 10000 events")), lines.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> figures = (Map<String, Object>) Json.parse(lines.getLast());
    assertEquals(
        Set.of("full_events_per_s", "ratio_to_read", "incremental_10k_ms", "max_heap_mb"),
        figures.keySet());
    for (Map.Entry<String, Object> figure : figures.entrySet()) {
      double value = ((Number) figure.getValue()).doubleValue();
      assertTrue(value >= 0 && Double.isFinite(value), figure.toString());
    }
    assertTrue(((Number) figures.get("full_events_per_s")).doubleValue() > 0, figures.toString());
    assertTrue(((Number) figures.get("ratio_to_read")).doubleValue() > 0, figures.toString());
  }
}
