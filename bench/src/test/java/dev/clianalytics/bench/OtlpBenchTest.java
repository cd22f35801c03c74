package dev.clianalytics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.testing.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code otlp} at its smallest size on PostgreSQL: every request of both paths succeeded (the
 * benchmark stops at the first refused batch or span), and the last line is one JSON object with
 * exactly the promised figures. The figures' values are not judged here.
 */
class OtlpBenchTest {
  @Test
  @Timeout(180)
  void postgres_sendsBothCopiesAndPrintsItsFiguresAsOneJsonLineLast() throws Exception {
    Printed printed =
        Printed.by(() -> OtlpBench.run(new BenchArgs(TestPostgres.configuredUrl(), 20_000)));
    printed.assertLineStartingWith("20000 runs over each path in ");
    Map<String, Object> figures = printed.figures();
    assertEquals(
        Set.of("events", "ingest_events_per_s", "otlp_events_per_s", "ratio_to_ingest"),
        figures.keySet());
    assertEquals(20_000L, figures.get("events"));
    for (String rate : List.of("ingest_events_per_s", "otlp_events_per_s", "ratio_to_ingest")) {
      double value = ((Number) figures.get(rate)).doubleValue();
      assertTrue(value > 0 && Double.isFinite(value), rate + " " + value);
    }
  }
}
