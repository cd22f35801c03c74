package dev.clianalytics.core.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.testing.Ev;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecoveryAnalysisTest {
  static Session session(String actor, Ev... events) {
    List<Event> built = Arrays.stream(events).map(e -> e.actor(actor).build()).toList();
    return new Session("s-" + actor, actor, null, built, false);
  }

  static List<Recovery> analyze(Session... sessions) {
    List<RecoveryCount> all = new ArrayList<>();
    for (Session s : sessions) {
      all.addAll(RecoveryAnalysis.contributions(s));
    }
    return RecoveryAnalysis.merge(all);
  }

  @Test
  void recovery_nextCommandsAndShareRecoveredAndMedianTime() {
    var fixedQuickly =
        session(
            "a",
            Ev.at("10:00").cmd("terraform apply").exit(1),
            Ev.at("10:01").cmd("terraform init"),
            Ev.at("10:02").cmd("terraform apply"));
    var fixedSlowly =
        session(
            "b",
            Ev.at("10:00").cmd("terraform apply").exit(1),
            Ev.at("10:05").cmd("terraform plan"),
            Ev.at("10:10").cmd("terraform apply"));
    var gaveUp =
        session(
            "c", Ev.at("10:00").cmd("terraform apply").exit(1), Ev.at("10:01").cmd("git status"));
    Recovery recovery = analyze(fixedQuickly, fixedSlowly, gaveUp).get(0);
    assertEquals("terraform apply", recovery.command());
    assertEquals(3, recovery.failures());
    assertEquals(3, recovery.actors());
    assertEquals(
        Map.of("terraform init", 1L, "terraform plan", 1L, "git status", 1L),
        recovery.nextCommands());
    assertEquals(2.0 / 3, recovery.recoveredShare());
    assertEquals(360_000L, recovery.medianRecoveryMs());
  }

  @Test
  void recovery_failureEndingTheSession_isCountedAsSessionEnded() {
    Recovery recovery = analyze(session("a", Ev.at("10:00").cmd("npm test").exit(1))).get(0);
    assertEquals(Map.of(Recovery.SESSION_ENDED, 1L), recovery.nextCommands());
    assertEquals(0.0, recovery.recoveredShare());
    assertNull(recovery.medianRecoveryMs());
  }

  @Test
  void recovery_retriesBeforeSuccess_eachRecoverAtTheFirstLaterSuccess() {
    Recovery recovery =
        analyze(
                session(
                    "a",
                    Ev.at("10:00").cmd("npm test").exit(1),
                    Ev.at("10:02").cmd("npm test").exit(1),
                    Ev.at("10:03").cmd("npm test"),
                    Ev.at("10:09").cmd("npm test")))
            .get(0);
    assertEquals(2, recovery.failures());
    assertEquals(1.0, recovery.recoveredShare());
    assertEquals(120_000L, recovery.medianRecoveryMs());
    assertEquals(Map.of("npm test", 2L), recovery.nextCommands());
  }

  @Test
  void recovery_interruptIsNotAFailure_andDoesNotRecover() {
    assertEquals(List.of(), analyze(session("a", Ev.at("10:00").cmd("npm test").exit(130))));
  }

  @Test
  void recovery_minActors_hidesCommandsFailingForFewerActors() {
    List<RecoveryCount> all = new ArrayList<>();
    all.addAll(RecoveryAnalysis.contributions(session("a", Ev.at("10:00").cmd("go test").exit(1))));
    all.addAll(RecoveryAnalysis.contributions(session("b", Ev.at("10:00").cmd("go test").exit(1))));
    all.addAll(RecoveryAnalysis.contributions(session("c", Ev.at("10:00").cmd("go vet").exit(1))));
    assertEquals(
        List.of("go test"),
        RecoveryAnalysis.merge(all, 2).stream().map(Recovery::command).toList());
  }

  @Test
  void median_evenCount_isMeanOfTheMiddleTwo() {
    assertEquals(15L, RecoveryAnalysis.median(List.of(20L, 10L)));
    assertEquals(2L, RecoveryAnalysis.median(List.of(3L, 1L, 2L)));
  }
}
