package dev.clianalytics.core.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.hotpath.PathCount;
import dev.clianalytics.core.nsm.NorthStar;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.session.Sessionizer;
import dev.clianalytics.core.workflow.Exit;
import dev.clianalytics.core.workflow.Outcome;
import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.core.workflow.WorkflowInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class InferencePropertiesTest {
  static final Sessionizer SESSIONIZER = new Sessionizer(Duration.ofMinutes(30));
  static final SessionAnalyzer ANALYZER = new SessionAnalyzer(WorkflowCatalog.builtIn(), 3);

  @Provide
  Arbitrary<List<Event>> events() {
    return RandomEvents.events();
  }

  @Property
  void sessionize_everyEventIsInExactlyOneSession(@ForAll("events") List<Event> events) {
    List<Session> sessions = SESSIONIZER.sessionize(events, RandomEvents.newest(events));
    Set<UUID> seen = new HashSet<>();
    int total = 0;
    for (Session session : sessions) {
      for (Event event : session.events()) {
        seen.add(event.eventId());
        total++;
      }
    }
    assertEquals(events.size(), total);
    assertEquals(events.size(), seen.size());
  }

  @Property
  void sessionize_anyPermutation_givesTheSameSessions(
      @ForAll("events") List<Event> events, @ForAll long seed) {
    List<Event> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));
    var horizon = RandomEvents.newest(events);
    assertEquals(
        SESSIONIZER.sessionize(events, horizon), SESSIONIZER.sessionize(shuffled, horizon));
  }

  @Property
  void detect_outcomeCountsAddUpToInstances_andInstancesCoverEveryEvent(
      @ForAll("events") List<Event> events) {
    for (Session session : SESSIONIZER.sessionize(events, RandomEvents.newest(events))) {
      List<WorkflowInstance> instances = ANALYZER.analyze(session).instances();
      Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
      instances.forEach(i -> counts.merge(i.outcome(), 1, Integer::sum));
      assertEquals(instances.size(), counts.values().stream().mapToInt(Integer::intValue).sum());
      assertEquals(
          session.events().size(), instances.stream().mapToInt(WorkflowInstance::eventCount).sum());
      Set<Outcome> unfinished =
          session.open() ? Set.of(Outcome.ABANDONED, Outcome.FAILED) : Set.of(Outcome.IN_PROGRESS);
      instances.forEach(i -> assertFalse(unfinished.contains(i.outcome()), i.toString()));
    }
  }

  @Property
  void hotPaths_failuresEqualFailingEvents_andNeverExceedOccurrences(
      @ForAll("events") List<Event> events) {
    List<PathCount> counts = new ArrayList<>();
    SESSIONIZER
        .sessionize(events, RandomEvents.newest(events))
        .forEach(s -> counts.addAll(ANALYZER.analyze(s).paths()));
    var paths = HotPaths.rank(counts);
    long failing = events.stream().filter(e -> Exit.isFailure(e.exitCode())).count();
    assertEquals(failing, paths.stream().mapToLong(p -> p.failures()).sum());
    paths.forEach(p -> assertTrue(p.failures() <= p.occurrences(), p.toString()));
  }

  @Property
  void northStar_anyOrder_givesTheSameWeeks(
      @ForAll("events") List<Event> events, @ForAll long seed) {
    List<Event> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(seed));
    var inOrder = new NorthStar(NsmOptions.defaults());
    var reordered = new NorthStar(NsmOptions.defaults());
    events.forEach(inOrder::add);
    shuffled.forEach(reordered::add);
    assertEquals(inOrder.toJson(), reordered.toJson());
    long successes =
        events.stream()
            .filter(e -> !e.ciDetected() && e.exitCode() == 0 && e.toolName().equals("ai-do"))
            .count();
    assertEquals(successes, inOrder.weeks().stream().mapToLong(w -> w.successfulRuns()).sum());
  }

  @Property
  void incremental_anySplitIntoArrivalBatches_equalsFullRecomputation(
      @ForAll("events") List<Event> events, @ForAll long seed) {
    Random random = new Random(seed);
    List<List<Event>> batches = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    events.forEach(e -> batches.get(random.nextInt(3)).add(e));
    IncrementalStore store = new IncrementalStore(SESSIONIZER);
    batches.forEach(store::ingestAndInfer);
    List<Session> full = SESSIONIZER.sessionize(events, RandomEvents.newest(events));
    assertEquals(full, store.sessions());
    assertEquals(
        full.stream().map(ANALYZER::analyze).toList(),
        store.sessions().stream().map(ANALYZER::analyze).toList());
  }
}
