package dev.clianalytics.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.inference.SessionAnalyzer;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.core.workflow.Outcome;
import dev.clianalytics.core.workflow.WorkflowCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartMarkersTest {

  private static Event start(String time, String command) {
    return StartMarkers.marker(Ev.at(time).cmd(command).build());
  }

  private static Session session(boolean open, Event... events) {
    return new Session("s1", "actor-a", null, List.of(events), open);
  }

  private static List<Integer> exits(List<Event> runs) {
    return runs.stream().map(Event::exitCode).toList();
  }

  @Test
  void markerFollowedByItsCompletedRun_isThatOneRun() {
    Event done = Ev.at("10:01").cmd("terraform apply").exit(1).build();
    List<Event> runs = StartMarkers.runs(session(false, start("10:00", "terraform apply"), done));
    assertEquals(List.of(done), runs);
  }

  @Test
  void unpairedMarkerInClosedSession_isAnInterruptedRun() {
    List<Event> runs =
        StartMarkers.runs(
            session(
                false,
                start("10:00", "terraform apply"),
                Ev.at("10:01").cmd("terraform plan").build()));
    assertEquals(List.of(130, 0), exits(runs));
    assertEquals(List.of("terraform", "apply"), runs.get(0).commandPath());
  }

  @Test
  void unpairedMarkerInOpenSession_waitsAndCountsAsNothing() {
    List<Event> runs = StartMarkers.runs(session(true, start("10:00", "terraform apply")));
    assertTrue(runs.isEmpty());
  }

  @Test
  void commandStartedTwiceAndFinishedOnce_theFirstStartWasInterrupted() {
    List<Event> runs =
        StartMarkers.runs(
            session(
                false,
                start("10:00", "terraform apply"),
                start("10:02", "terraform apply"),
                Ev.at("10:03").cmd("terraform apply").build()));
    assertEquals(List.of(130, 0), exits(runs));
    assertEquals(Ev.at("10:00").build().timestamp(), runs.get(0).timestamp());
  }

  @Test
  void negativeExitCodeOfARealRun_isNotAMarker_andTheMarkerCodeIsRefusedByValidation() {
    Event windowsCrash = Ev.at("10:00").cmd("git push").exit(-1).build();
    assertEquals(List.of(windowsCrash), StartMarkers.runs(session(false, windowsCrash)));
    Map<String, Object> json = new java.util.HashMap<>(windowsCrash.toJson());
    json.put("exit_code", (long) StartMarkers.EXIT_CODE);
    assertTrue(EventValidator.validate(json) instanceof Validation.Invalid);
  }

  @Test
  void markerAtTheSameInstantAsItsRun_isPairedWhicheverSortsFirst() {
    Event done = Ev.at("10:00").cmd("git push").build();
    Event marker = start("10:00", "git push");
    assertEquals(List.of(done), StartMarkers.runs(session(false, done, marker)));
  }

  @Test
  void interruptedRunOfAWorkflowStep_makesTheWorkflowAbandoned() {
    var analyzer = new SessionAnalyzer(WorkflowCatalog.builtIn(), 3);
    var result =
        analyzer.analyze(
            session(
                false,
                Ev.at("10:00").cmd("terraform init").build(),
                Ev.at("10:01").cmd("terraform plan").build(),
                start("10:02", "terraform apply")));
    assertEquals(Outcome.ABANDONED, result.instances().get(0).outcome());
    assertEquals(3, result.session().events().size());
  }
}
