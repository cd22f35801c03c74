package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Scenarios.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.testing.Ev;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/inference.md through the API: timeout, hints, open and closed sessions, duplicates. */
interface SessionScenarios extends Scenarios {

  @Test
  default void gap_justUnderTimeout_staysOneSession() {
    send(ev("a", 0, "terraform plan", 0), ev("a", 29.99, "terraform apply", 0), closer());
    infer();

    assertEquals(2L, sessions());
    assertEquals(List.of(1L, 0L, 0L, 0L), outcomes("apply_workflow"));
  }

  @Test
  default void gap_justOverTimeout_startsANewSession() {
    send(ev("a", 0, "terraform plan", 0), ev("a", 30.01, "terraform apply", 0), closer());
    infer();

    assertEquals(3L, sessions());
    assertEquals(List.of(1L, 0L, 1L, 0L), outcomes("apply_workflow"));
  }

  @Test
  default void hints_separateInterleavedSessionsOfOneActor() {
    send(
        ev("a", 0, "terraform plan", 0).hint("tab1"),
        ev("a", 1, "terraform plan", 0).hint("tab2"),
        ev("a", 2, "terraform apply", 1).hint("tab1"),
        ev("a", 3, "terraform apply", 0).hint("tab2"),
        closer());
    infer();

    assertEquals(3L, sessions());
    assertEquals(List.of(1L, 1L, 0L, 0L), outcomes("apply_workflow"));
  }

  @Test
  default void openSession_isInProgress_thenClosesWhenNewerEventsMoveTheHorizon() {
    send(ev("a", 0, "terraform plan", 0));
    infer();
    assertEquals(List.of(0L, 0L, 0L, 1L), outcomes("apply_workflow"));
    assertEquals(null, workflow("apply_workflow").get("success_rate"));

    send(closer());
    infer();

    assertEquals(List.of(0L, 0L, 1L, 0L), outcomes("apply_workflow"));
  }

  @Test
  default void duplicates_countOnce() {
    Ev plan = ev("a", 0, "terraform plan", 0);
    send(plan, plan.copy());
    send(plan.copy());
    infer();

    assertEquals(1L, get("/reports/summary").get("events"));
    assertEquals(1L, sessions());
  }

  @Test
  default void lateArrivalAfterAnInference_changesTheOutcomeAsAFullRunWould() {
    send(ev("a", 0, "terraform plan", 0), ev("a", 2, "terraform apply", 1), closer());
    infer();
    assertEquals(List.of(0L, 1L, 0L, 0L), outcomes("apply_workflow"));

    send(ev("a", 3, "terraform apply", 0));
    infer();
    Object incremental = get("/reports/summary");
    assertEquals(List.of(1L, 0L, 0L, 0L), outcomes("apply_workflow"));

    inferFull();
    assertEquals(incremental, get("/reports/summary"));
  }

  @Test
  default void outOfOrderDelivery_equalsAFullRecomputation() {
    send(ev("a", 40, "terraform apply", 0), closer());
    infer();
    send(ev("a", 20, "terraform plan", 0));
    infer();
    send(ev("a", 0, "terraform init", 0), ev("a", 50, "terraform apply", 1));
    infer();
    Object incremental = get("/reports/summary");

    inferFull();

    assertEquals(incremental, get("/reports/summary"));
    assertEquals(2L, sessions());
    assertEquals(List.of(1L, 1L, 0L, 0L), outcomes("apply_workflow"));
  }
}
