package dev.clianalytics.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.testing.Ev;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorTest {
  static final WorkflowDetector DETECTOR = new WorkflowDetector(WorkflowCatalog.builtIn());

  static List<WorkflowInstance> closed(Ev... events) {
    return detect(false, events);
  }

  static List<WorkflowInstance> detect(boolean open, Ev... events) {
    List<Event> built = Arrays.stream(events).map(Ev::build).toList();
    return DETECTOR.detect(new Session("s1", "actor-a", null, built, open));
  }

  static List<Outcome> outcomes(List<WorkflowInstance> instances) {
    return instances.stream().map(WorkflowInstance::outcome).toList();
  }

  @Test
  void detect_initPlanApplySucceeding_isOneSuccessfulApplyWorkflow() {
    var instances =
        closed(
            Ev.at("10:00").cmd("terraform init"),
            Ev.at("10:01").cmd("terraform plan"),
            Ev.at("10:05").cmd("terraform apply"));
    assertEquals(1, instances.size());
    WorkflowInstance run = instances.get(0);
    assertEquals("apply_workflow", run.workflow());
    assertEquals(Outcome.SUCCESS, run.outcome());
    assertEquals(List.of("init", "plan", "apply"), run.stepsSeen());
    assertEquals(1, run.goalAttempts());
    assertEquals(0, run.failuresBeforeSuccess());
    assertEquals(300_000, run.durationMs());
    assertEquals(Category.DEPLOY, run.category());
  }

  @Test
  void detect_goalFailsThenRetrySucceeds_isSuccessWithOneFailureBeforeIt() {
    var run =
        closed(
                Ev.at("10:00").cmd("terraform plan"),
                Ev.at("10:01").cmd("terraform apply").exit(1).error("StateLock"),
                Ev.at("10:03").cmd("terraform apply"))
            .get(0);
    assertEquals(Outcome.SUCCESS, run.outcome());
    assertEquals(2, run.goalAttempts());
    assertEquals(1, run.failuresBeforeSuccess());
    assertEquals(List.of("StateLock"), run.errorTypes());
  }

  @Test
  void detect_stepAfterSuccess_opensANewInstance() {
    var instances =
        closed(
            Ev.at("10:00").cmd("terraform plan"),
            Ev.at("10:01").cmd("terraform apply"),
            Ev.at("10:02").cmd("terraform plan"));
    assertEquals(List.of(Outcome.SUCCESS, Outcome.ABANDONED), outcomes(instances));
    assertEquals(1, instances.get(1).eventCount());
  }

  @Test
  void detect_closedSessionEndingInFailure_isFailed() {
    var instances =
        closed(Ev.at("10:00").cmd("terraform plan"), Ev.at("10:01").cmd("terraform apply").exit(1));
    assertEquals(List.of(Outcome.FAILED), outcomes(instances));
  }

  @Test
  void detect_failingFirstStepEndingTheSession_isFailedEvenWithoutGoalAttempt() {
    var instances = closed(Ev.at("10:00").cmd("terraform init").exit(1));
    assertEquals(List.of(Outcome.FAILED), outcomes(instances));
  }

  @Test
  void detect_lastEventInterrupted130_isAbandoned() {
    var instances =
        closed(
            Ev.at("10:00").cmd("terraform plan"), Ev.at("10:01").cmd("terraform apply").exit(130));
    assertEquals(List.of(Outcome.ABANDONED), outcomes(instances));
  }

  @Test
  void detect_lastEventTerminated143_isAbandoned() {
    var instances =
        closed(
            Ev.at("10:00").cmd("terraform plan"), Ev.at("10:01").cmd("terraform apply").exit(143));
    assertEquals(List.of(Outcome.ABANDONED), outcomes(instances));
  }

  @Test
  void detect_interrupt_isNotCountedAsFailure() {
    var run =
        closed(
                Ev.at("10:00").cmd("terraform apply").exit(130),
                Ev.at("10:01").cmd("terraform apply"))
            .get(0);
    assertEquals(Outcome.SUCCESS, run.outcome());
    assertEquals(0, run.failuresBeforeSuccess());
    assertEquals(2, run.goalAttempts());
  }

  @Test
  void detect_goalNeverAttempted_isAbandoned() {
    var instances =
        closed(Ev.at("10:00").cmd("terraform init"), Ev.at("10:01").cmd("terraform plan"));
    assertEquals(List.of(Outcome.ABANDONED), outcomes(instances));
  }

  @Test
  void detect_goalFailedThenNonGoalStepSucceeded_isFailed() {
    var instances =
        closed(Ev.at("10:00").cmd("terraform apply").exit(1), Ev.at("10:01").cmd("terraform plan"));
    assertEquals(List.of(Outcome.FAILED), outcomes(instances));
  }

  @Test
  void detect_openSession_unfinishedInstancesAreInProgressNeverAbandoned() {
    var instances =
        detect(
            true,
            Ev.at("10:00").cmd("terraform plan"),
            Ev.at("10:01").cmd("terraform apply"),
            Ev.at("10:02").cmd("terraform init"),
            Ev.at("10:03").cmd("git add").exit(130),
            Ev.at("10:04").cmd("docker push").exit(1));
    assertEquals(
        List.of(Outcome.SUCCESS, Outcome.IN_PROGRESS, Outcome.IN_PROGRESS, Outcome.IN_PROGRESS),
        outcomes(instances));
  }

  @Test
  void detect_toolVersion_isTheGoalEventsElseTheLastEvents() {
    var instances =
        closed(
            Ev.at("10:00").cmd("terraform plan").version("1.6.0"),
            Ev.at("10:01").cmd("terraform apply").version("1.7.0"),
            Ev.at("10:02").cmd("terraform plan").version("1.6.0"),
            Ev.at("10:03").cmd("terraform init").version("1.8.0"));
    assertEquals("1.7.0", instances.get(0).toolVersion());
    assertEquals("1.8.0", instances.get(1).toolVersion());
  }

  @Test
  void detect_ciEvent_marksTheInstanceCi() {
    assertTrue(
        closed(Ev.at("10:00").cmd("npm install").ci(), Ev.at("10:01").cmd("npm test")).get(0).ci());
    assertFalse(closed(Ev.at("10:00").cmd("npm test")).get(0).ci());
  }

  @Test
  void detect_durationIsEndMinusStartPlusTheLastCommandsOwnRunTime() {
    var run =
        closed(Ev.at("10:00").cmd("npm install"), Ev.at("10:02").cmd("npm test").duration(5000))
            .get(0);
    assertEquals(125_000, run.durationMs());
  }

  @Test
  void detect_oneCommandRun_lastsAsLongAsTheCommandRan() {
    assertEquals(
        42_000, closed(Ev.at("10:00").cmd("ai-do run").duration(42_000)).get(0).durationMs());
  }

  @Test
  void detect_eachToolsWorkflowsRunSideBySide() {
    var instances =
        closed(
            Ev.at("10:00").cmd("git add"),
            Ev.at("10:01").cmd("docker build"),
            Ev.at("10:02").cmd("git commit"),
            Ev.at("10:03").cmd("docker push"),
            Ev.at("10:04").cmd("git push").exit(1));
    assertEquals(
        List.of("git_push", "docker_publish"),
        instances.stream().map(WorkflowInstance::workflow).toList());
    assertEquals(List.of(Outcome.FAILED, Outcome.SUCCESS), outcomes(instances));
  }

  @Test
  void detect_commandWithArguments_matchesByPrefix() {
    var run =
        closed(Ev.at("10:00").cmd("npm install lodash"), Ev.at("10:01").cmd("npm run build"))
            .get(1);
    assertEquals("npm_build", run.workflow());
  }

  @Test
  void detect_bareToolStep_matchesAnyCommandOfTheTool() {
    var run = closed(Ev.at("10:00").cmd("pytest")).get(0);
    assertEquals("pytest_run", run.workflow());
    assertEquals(Outcome.SUCCESS, run.outcome());
  }

  @Test
  void detect_uncoveredCommand_formsAutoWorkflowNamedToolUnderscoreCommand() {
    var instances =
        closed(Ev.at("10:00").cmd("npm audit").exit(1), Ev.at("10:01").cmd("npm audit"));
    WorkflowInstance run = instances.get(0);
    assertEquals("npm_audit", run.workflow());
    assertTrue(run.auto());
    assertEquals(Category.OTHER, run.category());
    assertEquals(Outcome.SUCCESS, run.outcome());
    assertEquals(2, run.goalAttempts());
  }

  @Test
  void detect_uncoveredBareTool_isNamedAfterTheTool() {
    assertEquals("ls", closed(Ev.at("10:00").cmd("ls")).get(0).workflow());
  }

  @Test
  void detect_autoNameTakenByACatalogDefinition_getsAnAutoSuffix() {
    var run = closed(Ev.at("10:00").cmd("kubectl rollout")).get(0);
    assertEquals("kubectl_rollout-auto", run.workflow());
    assertTrue(run.auto());
  }
}
