package dev.clianalytics.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowStatsTest {
  static WorkflowInstance run(Outcome outcome, long durationMs) {
    Instant t = Instant.parse("2026-01-05T10:00:00Z");
    return new WorkflowInstance(
        "s-" + durationMs,
        "apply_workflow",
        "terraform",
        Category.DEPLOY,
        false,
        "s",
        "a",
        t,
        t,
        durationMs,
        outcome,
        1,
        List.of("apply"),
        1,
        0,
        List.of(),
        null,
        false);
  }

  @Test
  void stats_successRateIsOverClosedInstancesOnly() {
    var stats =
        WorkflowStats.of(
            List.of(
                run(Outcome.SUCCESS, 10),
                run(Outcome.FAILED, 20),
                run(Outcome.ABANDONED, 30),
                run(Outcome.SUCCESS, 40),
                run(Outcome.IN_PROGRESS, 50)));
    assertEquals(5, stats.runs());
    assertEquals(
        Map.of(
            Outcome.SUCCESS,
            2L,
            Outcome.FAILED,
            1L,
            Outcome.ABANDONED,
            1L,
            Outcome.IN_PROGRESS,
            1L),
        stats.outcomes());
    assertEquals(0.5, stats.successRate());
    assertEquals(30L, stats.medianDurationMs());
    assertEquals(50L, stats.p90DurationMs());
  }

  @Test
  void stats_onlyInProgress_hasNullSuccessRateAndAllOutcomeKeys() {
    var stats = WorkflowStats.of(List.of(run(Outcome.IN_PROGRESS, 5)));
    assertNull(stats.successRate());
    assertEquals(4, stats.outcomes().size());
    assertEquals(0L, stats.outcomes().get(Outcome.SUCCESS));
  }
}
