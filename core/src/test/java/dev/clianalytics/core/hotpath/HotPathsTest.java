package dev.clianalytics.core.hotpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.testing.Ev;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotPathsTest {
  static Session session(String actor, Ev... events) {
    List<Event> built = Arrays.stream(events).map(e -> e.actor(actor).build()).toList();
    return new Session("s-" + actor + built.size(), actor, null, built, false);
  }

  static List<HotPath> rank(Session... sessions) {
    List<PathCount> all = new ArrayList<>();
    for (Session s : sessions) {
      all.addAll(HotPaths.contributions(s, HotPaths.DEFAULT_DEPTH));
    }
    return HotPaths.rank(all);
  }

  @Test
  void path_isFullCommandsJoinedWithFailureMarkedByBang() {
    var paths =
        rank(
            session(
                "a",
                Ev.at("10:00").cmd("terraform plan"),
                Ev.at("10:01").cmd("terraform apply").exit(1)));
    assertEquals(List.of(new HotPath("terraform plan > terraform apply!", 1, 1, 1, 1.0)), paths);
  }

  @Test
  void path_keepsAtMostThreePrecedingEvents() {
    var paths =
        rank(
            session(
                "a",
                Ev.at("10:00").cmd("git status"),
                Ev.at("10:01").cmd("terraform init"),
                Ev.at("10:02").cmd("terraform validate"),
                Ev.at("10:03").cmd("terraform plan"),
                Ev.at("10:04").cmd("terraform apply").exit(1)));
    assertEquals(
        "terraform init > terraform validate > terraform plan > terraform apply!",
        paths.get(0).path());
  }

  @Test
  void path_interruptIsNotAFailure() {
    assertEquals(List.of(), rank(session("a", Ev.at("10:00").cmd("terraform apply").exit(130))));
    assertEquals(List.of(), rank(session("a", Ev.at("10:00").cmd("terraform apply").exit(143))));
  }

  @Test
  void occurrences_countTheSameSequenceWhateverItsOutcome() {
    var failing =
        session(
            "a",
            Ev.at("10:00").cmd("terraform plan"),
            Ev.at("10:01").cmd("terraform apply").exit(1));
    var passing =
        session("b", Ev.at("10:00").cmd("terraform plan"), Ev.at("10:01").cmd("terraform apply"));
    var passingAgain =
        session("c", Ev.at("10:00").cmd("terraform plan"), Ev.at("10:01").cmd("terraform apply"));
    HotPath path = rank(failing, passing, passingAgain).get(0);
    assertEquals(1, path.failures());
    assertEquals(3, path.occurrences());
    assertEquals(1.0 / 3, path.failureRate());
  }

  @Test
  void occurrences_includeTheSameSequenceDeeperInOtherSessions() {
    var failing =
        session(
            "a",
            Ev.at("10:00").cmd("terraform plan"),
            Ev.at("10:01").cmd("terraform apply").exit(1));
    var longer =
        session(
            "b",
            Ev.at("10:00").cmd("terraform init"),
            Ev.at("10:01").cmd("terraform plan"),
            Ev.at("10:02").cmd("terraform apply"));
    HotPath path = rank(failing, longer).get(0);
    assertEquals("terraform plan > terraform apply!", path.path());
    assertEquals(2, path.occurrences());
    assertEquals(0.5, path.failureRate());
  }

  @Test
  void ranking_isByFailuresThenDistinctActors() {
    var twoFailuresOneActor =
        session(
            "a", Ev.at("10:00").cmd("npm test").exit(1), Ev.at("10:01").cmd("npm test").exit(1));
    var sameActorAgain = session("a", Ev.at("11:00").cmd("go test").exit(1));
    var otherActor = session("b", Ev.at("11:00").cmd("go test").exit(1));
    var single = session("c", Ev.at("11:00").cmd("cargo test").exit(1));
    List<String> order =
        rank(single, otherActor, twoFailuresOneActor, sameActorAgain).stream()
            .map(HotPath::path)
            .toList();
    assertEquals(List.of("go test!", "cargo test!", "npm test > npm test!", "npm test!"), order);
  }

  @Test
  void rank_minActors_hidesPathsFromTooFewActors() {
    var a = session("a", Ev.at("10:00").cmd("go test").exit(1));
    var b = session("b", Ev.at("10:00").cmd("go test").exit(1));
    var c = session("c", Ev.at("10:00").cmd("go build").exit(1));
    List<PathCount> all = new ArrayList<>();
    for (Session s : List.of(a, b, c)) {
      all.addAll(HotPaths.contributions(s, 3));
    }
    assertEquals(List.of("go test!"), HotPaths.rank(all, 2).stream().map(HotPath::path).toList());
  }

  @Test
  void contributions_repeatedSequenceInOneSession_areSummed() {
    var s =
        session(
            "a",
            Ev.at("10:00").cmd("make").exit(2),
            Ev.at("10:01").cmd("make").exit(2),
            Ev.at("10:02").cmd("make").exit(2));
    var counts = HotPaths.contributions(s, 1);
    assertEquals(
        List.of(new PathCount("make", "a", 1, 3), new PathCount("make > make", "a", 2, 2)), counts);
  }

  @Test
  void contributions_countedByIds_equalCountingByText() {
    java.util.Random random = new java.util.Random(42);
    String[] vocabulary = {"git", "git push", "make", "make test", "kubectl apply", "x", "y z"};
    int viaIds = 0;
    HotPaths.Names shared = new HotPaths.Names(); // one table across all rounds, as in a pass
    for (int round = 0; round < 2_000; round++) {
      int size = random.nextInt(40);
      int distinct = 1 + random.nextInt(vocabulary.length);
      List<String> commands = new ArrayList<>();
      java.util.BitSet failing = new java.util.BitSet();
      for (int i = 0; i < size; i++) {
        commands.add(vocabulary[random.nextInt(distinct)]);
        failing.set(i, random.nextInt(3) == 0);
      }
      int depth = random.nextInt(round % 10 == 0 ? 40 : 5);
      List<PathCount> expected = HotPaths.byText(commands, failing, "a", depth);
      assertEquals(expected, HotPaths.contributions(commands, failing, "a", depth));
      assertEquals(expected, HotPaths.contributions(commands, failing, "a", depth, shared));
      int bits = Integer.SIZE - Integer.numberOfLeadingZeros(distinct);
      if ((long) bits * Math.min(depth + 1, size) <= 63) {
        viaIds++;
      }
    }
    assertTrue(viaIds > 1_000, "most rounds count by ids: " + viaIds);
  }

  @Test
  void contributions_commandsHoldingTheSeparator_mergeByText() {
    // "x >" then "y" reads as "x > > y", as does "x" then "> y": both windows are one sequence
    java.util.BitSet failing = new java.util.BitSet();
    failing.set(1);
    failing.set(3);
    List<PathCount> counts =
        HotPaths.contributions(List.of("x >", "y", "x", "> y"), failing, "a", 1);
    assertEquals(HotPaths.byText(List.of("x >", "y", "x", "> y"), failing, "a", 1), counts);
    assertEquals(
        new PathCount("x > > y", "a", 2, 2),
        counts.stream().filter(c -> c.sequence().equals("x > > y")).findFirst().orElseThrow());
  }

  @Test
  void names_aSequenceSeenBefore_isTheSameString() {
    HotPaths.Names names = new HotPaths.Names();
    java.util.BitSet none = new java.util.BitSet();
    List<PathCount> first =
        HotPaths.contributions(List.of("git add", "git commit"), none, "a", 3, names);
    List<PathCount> again =
        HotPaths.contributions(List.of("git commit", "git add", "git commit"), none, "b", 3, names);
    PathCount addCommit = first.get(2);
    assertEquals("git add > git commit", addCommit.sequence());
    assertSame(
        addCommit.sequence(),
        again.stream()
            .filter(c -> c.sequence().equals("git add > git commit"))
            .findFirst()
            .orElseThrow()
            .sequence());
    assertSame(first.get(0).sequence(), again.get(1).sequence()); // "git add"
  }

  @Test
  void names_pastTheCommandLimit_stillNameEverySequenceRight() {
    HotPaths.Names names = new HotPaths.Names(2, 100); // ids for two commands only
    java.util.BitSet none = new java.util.BitSet();
    assertEquals(
        List.of("a", "b", "a > b"),
        sequences(HotPaths.contributions(List.of("a", "b"), none, "x", 1, names)));
    assertEquals(
        List.of("c", "d", "c > d"),
        sequences(HotPaths.contributions(List.of("c", "d"), none, "x", 1, names)));
    assertEquals(
        List.of("b", "c", "b > c"),
        sequences(HotPaths.contributions(List.of("b", "c"), none, "x", 1, names)));
  }

  @Test
  void names_holdAtMostTheirLimitOfSequences() {
    HotPaths.Names names = new HotPaths.Names(100, 3);
    java.util.BitSet none = new java.util.BitSet();
    assertEquals(
        List.of("a", "b", "a > b", "b > a"),
        sequences(HotPaths.contributions(List.of("a", "b", "a"), none, "x", 1, names)));
    assertEquals(3, names.sequencesHeld());
    assertEquals(
        List.of("b", "a", "b > a"),
        sequences(HotPaths.contributions(List.of("b", "a"), none, "x", 1, names)));
    assertEquals(3, names.sequencesHeld());
  }

  @Test
  void names_holdOnlyIdsThatFitSixteenBits() {
    assertThrows(IllegalArgumentException.class, () -> new HotPaths.Names(1 << 16, 10));
  }

  private static List<String> sequences(List<PathCount> counts) {
    return counts.stream().map(PathCount::sequence).toList();
  }
}
