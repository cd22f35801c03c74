package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Scenarios.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /infer and GET /workflows. */
interface InferenceScenarios extends Scenarios {

  @Test
  default void infer_countsEventsSessionsAndRuns() {
    send(
        ev("a", 0, "terraform init", 0),
        ev("a", 1, "terraform plan", 0),
        ev("a", 2, "terraform apply", 0),
        ev("b", 0, "git status", 0));

    Map<?, ?> r = infer();

    assertEquals(4L, r.get("events_processed"));
    assertEquals(2L, r.get("sessions"));
    assertEquals(2L, r.get("workflow_runs"));
    assertTrue(((Long) r.get("duration_ms")) >= 0);
  }

  @Test
  default void infer_again_processesNothingNew() {
    send(ev("a", 0, "terraform plan", 0));
    infer();

    Map<?, ?> r = infer();

    assertEquals(0L, r.get("events_processed"));
    assertEquals(0L, r.get("sessions"));
  }

  @Test
  default void infer_full_readsEveryEventAgain() {
    send(ev("a", 0, "terraform plan", 0), ev("a", 1, "terraform apply", 0));
    infer();

    assertEquals(2L, inferFull().get("events_processed"));
  }

  @Test
  default void workflows_listsTheBuiltInCatalog() {
    List<?> workflows = (List<?>) get("/workflows").get("workflows");

    Map<?, ?> apply =
        workflows.stream()
            .map(Map.class::cast)
            .filter(w -> "apply_workflow".equals(w.get("name")))
            .findFirst()
            .orElseThrow();
    assertEquals(List.of("init", "plan", "apply"), apply.get("steps"));
    assertEquals("apply", apply.get("goal"));
  }
}
