package dev.clianalytics.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.nsm.NsmWeek;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.session.Sessionizer;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.core.workflow.Outcome;
import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.core.workflow.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceScenarioTest {
  static final Sessionizer SESSIONIZER = new Sessionizer(Duration.ofMinutes(30));
  static final SessionAnalyzer ANALYZER = new SessionAnalyzer(WorkflowCatalog.builtIn(), 3);
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  static List<Outcome> outcomes(IncrementalStore store) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Session s : store.sessions()) {
      ANALYZER.analyze(s).instances().forEach(i -> outcomes.add(i.outcome()));
    }
    return outcomes;
  }

  @Test
  void lateEvent_afterInference_joinsItsSessionAndTurnsFailureIntoSuccess() {
    IncrementalStore store = new IncrementalStore(SESSIONIZER);
    store.ingestAndInfer(
        List.of(
            Ev.at("10:00").cmd("terraform plan").build(),
            Ev.at("10:01").cmd("terraform apply").exit(1).build(),
            Ev.at("12:00").cmd("git status").actor("other").build()));
    String id = store.sessions().get(0).id();
    assertEquals(List.of(Outcome.FAILED, Outcome.SUCCESS), outcomes(store));
    store.ingestAndInfer(List.of(Ev.at("10:05").cmd("terraform apply").build()));
    assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS), outcomes(store));
    assertEquals(id, store.sessions().get(0).id());
  }

  @Test
  void lateEvent_betweenTwoSessions_mergesThemIntoOne() {
    IncrementalStore store = new IncrementalStore(SESSIONIZER);
    store.ingestAndInfer(List.of(Ev.at("10:00").build(), Ev.at("10:50").build()));
    assertEquals(2, store.sessions().size());
    store.ingestAndInfer(List.of(Ev.at("10:25").build()));
    assertEquals(1, store.sessions().size());
    assertEquals(3, store.sessions().get(0).events().size());
  }

  @Test
  void openSession_becomesFinalWhenTheHorizonMovesPastTheTimeout() {
    IncrementalStore store = new IncrementalStore(SESSIONIZER);
    store.ingestAndInfer(List.of(Ev.at("10:00").cmd("terraform plan").build()));
    assertEquals(List.of(Outcome.IN_PROGRESS), outcomes(store));
    store.ingestAndInfer(List.of(Ev.at("10:31").cmd("ls").actor("other").build()));
    assertEquals(List.of(Outcome.ABANDONED, Outcome.SUCCESS), outcomes(store));
  }

  @Test
  void duplicateDelivery_acrossBatches_countsOnce() {
    IncrementalStore store = new IncrementalStore(SESSIONIZER);
    Event apply = Ev.at("10:00").cmd("terraform apply").build();
    store.ingestAndInfer(List.of(apply));
    store.ingestAndInfer(List.of(apply));
    assertEquals(1, store.sessions().get(0).events().size());
  }

  @Test
  void batch_autoWorkflowAppearsOnlyAtMinRunsAcrossActors() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(Ev.at("10:0" + i).cmd("make build").actor("dev-" + i).build());
    }
    var options = InferenceOptions.defaults();
    assertEquals(List.of(), BatchInference.run(events, NOW, options).instances());
    events.add(Ev.at("10:09").cmd("make build").actor("dev-9").exit(2).build());
    List<WorkflowInstance> counted = BatchInference.run(events, NOW, options).instances();
    assertEquals(5, counted.size());
    assertEquals("make_build", counted.get(0).workflow());
  }

  @Test
  void batch_ciEventsCountInWorkflowsButNotInTheNorthStar() {
    var result =
        BatchInference.run(
            List.of(
                Ev.at("10:00").cmd("ai-do run").actor("dev").build(),
                Ev.at("10:00").cmd("ai-do run").actor("bot").ci().build()),
            NOW,
            InferenceOptions.defaults());
    assertEquals(2, result.instances().size());
    assertEquals(List.of(new NsmWeek("2026-W02", 1, 1, 1.0)), result.nsm());
  }

  @Test
  void batch_horizonIsNowWhenEventsAreNewer() {
    var result =
        BatchInference.run(
            List.of(Ev.at("10:00").cmd("terraform plan").build()),
            Instant.parse(Ev.DAY + "09:00:00Z"),
            InferenceOptions.defaults());
    assertEquals(Outcome.IN_PROGRESS, result.instances().get(0).outcome());
  }

  @Test
  void batch_hotPathsAndRecoveryComeFromTheSameSessions() {
    var result =
        BatchInference.run(
            List.of(
                Ev.at("10:00").cmd("terraform plan").build(),
                Ev.at("10:01").cmd("terraform apply").exit(1).build(),
                Ev.at("10:03").cmd("terraform apply").build()),
            NOW,
            InferenceOptions.defaults());
    assertEquals("terraform plan > terraform apply!", result.hotPaths().get(0).path());
    assertEquals(1.0, result.recovery().get(0).recoveredShare());
    assertEquals(120_000L, result.recovery().get(0).medianRecoveryMs());
  }
}
