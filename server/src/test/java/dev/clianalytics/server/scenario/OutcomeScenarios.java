package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Scenarios.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/inference.md through the API: outcomes, interrupts, retries, per-run facts. */
interface OutcomeScenarios extends Scenarios {

  @Test
  default void interrupt130_endsTheRunAbandoned() {
    send(ev("a", 0, "terraform plan", 0), ev("a", 1, "terraform apply", 130), closer());
    infer();

    assertEquals(List.of(0L, 0L, 1L, 0L), outcomes("apply_workflow"));
    assertEquals(0.0, Scenarios.num(workflow("apply_workflow").get("success_rate")));
  }

  @Test
  default void interrupt143_endsTheRunAbandoned_butAFailureEndsItFailed() {
    send(ev("a", 0, "terraform apply", 143), ev("b", 0, "terraform apply", 1), closer());
    infer();

    assertEquals(List.of(0L, 1L, 1L, 0L), outcomes("apply_workflow"));
  }

  @Test
  default void retryAfterFailure_succeedsWithTwoGoalAttempts() {
    send(
        ev("a", 0, "terraform plan", 0),
        ev("a", 1, "terraform apply", 1).error("LockError"),
        ev("a", 2, "terraform apply", 0),
        closer());
    infer();

    Map<?, ?> report = get("/reports/workflows/apply_workflow");
    assertEquals(1L, report.get("runs"));
    assertEquals(1.0, Scenarios.num(report.get("success_rate")));
    Map<?, ?> attempts = (Map<?, ?>) report.get("attempts");
    assertEquals(2.0, Scenarios.num(attempts.get("goal_attempts_mean")));
    assertEquals(1.0, Scenarios.num(attempts.get("failures_before_success_mean")));
    assertEquals(1L, attempts.get("runs_with_retries"));
    assertEquals(List.of(Map.of("error_type", "LockError", "count", 1L)), report.get("top_errors"));
  }

  @Test
  default void topErrors_countTheRunsThatMetEachType() {
    for (String actor : List.of("a", "b")) {
      send(
          ev(actor, 0, "terraform plan", 0),
          ev(actor, 1, "terraform apply", 1).error("LockError"),
          ev(actor, 2, "terraform apply", 1).error("Timeout"),
          ev(actor, 3, "terraform apply", 0));
    }
    send(
        ev("c", 0, "terraform apply", 1).error("Timeout"),
        ev("c", 1, "terraform apply", 0),
        closer());
    infer();

    assertEquals(
        List.of(
            Map.of("error_type", "Timeout", "count", 3L),
            Map.of("error_type", "LockError", "count", 2L)),
        get("/reports/workflows/apply_workflow").get("top_errors"));
  }

  @Test
  default void successFollowedByANewAttempt_isASecondRun() {
    send(
        ev("a", 0, "terraform plan", 0),
        ev("a", 1, "terraform apply", 0),
        ev("a", 2, "terraform plan", 0),
        ev("a", 3, "terraform apply", 1),
        closer());
    infer();

    assertEquals(List.of(1L, 1L, 0L, 0L), outcomes("apply_workflow"));
    assertEquals(0.5, Scenarios.num(workflow("apply_workflow").get("success_rate")));
  }

  @Test
  default void durations_medianAndPercentilesOverRuns() {
    send(
        ev("a", 0, "terraform apply", 0),
        ev("b", 0, "terraform plan", 0),
        ev("b", 2, "terraform apply", 0),
        ev("c", 0, "terraform plan", 0),
        ev("c", 4, "terraform apply", 0),
        closer());
    infer();

    Map<?, ?> report = get("/reports/workflows/apply_workflow");
    assertEquals(120_000L, report.get("median_duration_ms"));
    assertEquals(240_000L, report.get("duration_p90_ms"));
  }

  @Test
  default void workflowReport_unknownName_is404Problem() {
    var r = http().get("/reports/workflows/nope", "Authorization", "Bearer " + ServerFixture.TOKEN);

    assertEquals(404, r.status());
    assertEquals("application/problem+json", r.contentType().split(";")[0]);
  }

  @Test
  default void autoWorkflow_appearsOnceItReachesTheMinimumRuns() {
    send(
        ev("a", 0, "npm audit", 0),
        ev("a", 1, "npm audit", 0),
        ev("a", 2, "npm audit", 0),
        ev("a", 3, "npm audit", 0),
        closer());
    infer();
    List<?> before = (List<?>) get("/reports/summary").get("workflows");
    assertEquals(
        0, before.stream().filter(w -> "npm_audit".equals(((Map<?, ?>) w).get("name"))).count());

    send(ev("b", 0, "npm audit", 1));
    infer();

    assertEquals(List.of(4L, 1L, 0L, 0L), outcomes("npm_audit"));
  }
}
