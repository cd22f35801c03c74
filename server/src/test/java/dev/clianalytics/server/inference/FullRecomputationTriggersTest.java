package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.InferenceState;
import dev.clianalytics.server.storage.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automatic full recomputation (docs/inference.md): an incremental run becomes a full one when
 * {@code SESSION_TIMEOUT} or the catalog changed since the stored rows were made, or when more than
 * {@value InferenceService#MAX_INCREMENTAL_EVENTS} events are new and the inferred ones are at most
 * twice as many; otherwise it stays incremental, in slices of at most that many events. After the
 * switch the tables equal a full recomputation under the new settings.
 */
class FullRecomputationTriggersTest {
  private static final Instant BASE = Instant.parse("2026-03-02T08:00:00Z");
  private static final Instant NOW = BASE.plus(Duration.ofDays(400));

  @TempDir Path dir;

  private static InferenceService service(Storage storage, InferenceOptions options) {
    return new InferenceService(new Database(storage), options, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /**
   * {@code n} terraform plan/apply events of four actors from {@code offsetMinutes} on, seven
   * seconds apart with a 40-minute pause after every 50, so there are many sessions.
   */
  private static List<Event> events(int n, int offsetMinutes) {
    List<Event> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String command = i % 2 == 0 ? "plan" : "apply";
      long seconds = offsetMinutes * 60L + i * 7L + (i / 50) * 2400L;
      events.add(
          new Event(
              BASE.plusSeconds(seconds),
              "terraform",
              "1.0",
              List.of("terraform", command),
              List.of(),
              i % 3 == 0 ? 1 : 0,
              1000L,
              null,
              null,
              "actor-" + (i % 4),
              null,
              null,
              false,
              new UUID(offsetMinutes, i)));
    }
    return events;
  }

  @Test
  void rowsOfAnEarlierVersionOfTheDerivedTables_recomputeEverything() {
    try (Storage storage = Storages.open(null, dir)) {
      storage.migrate();
      InferenceOptions defaults = InferenceOptions.defaults();
      storage.insertEvents(events(40, 0), NOW);
      service(storage, defaults).run(false);
      // what a release before the last change to the derived tables stored
      String earlier = Fingerprint.of(defaults, Fingerprint.DERIVED_TABLES - 1);
      storage
          .inference()
          .exclusively(
              tx -> {
                InferenceState state = tx.state();
                tx.finish(state.lastSeq(), state.horizon(), earlier);
                return null;
              });
      storage.insertEvents(events(10, 200), NOW);

      assertTrue(service(storage, defaults).run(false).full(), "first run after the upgrade");
      assertFalse(service(storage, defaults).run(false).full(), "the run after it");
    }
  }

  @Test
  void changedTimeoutOrCatalog_recomputesEverything_sameSettings_stayIncremental() {
    try (Storage storage = Storages.open(null, dir)) {
      storage.migrate();
      InferenceOptions defaults = InferenceOptions.defaults();
      storage.insertEvents(events(40, 0), NOW);
      assertTrue(service(storage, defaults).run(false).full(), "first run: no stored settings");
      storage.insertEvents(events(10, 200), NOW);
      assertFalse(service(storage, defaults).run(false).full(), "same settings, 10 new events");

      InferenceOptions shorter =
          new InferenceOptions(
              Duration.ofMinutes(10),
              defaults.catalog(),
              defaults.autoWorkflowMinRuns(),
              defaults.pathDepth(),
              defaults.minActors(),
              defaults.nsm());
      storage.insertEvents(events(4, 400), NOW);
      InferenceRun afterTimeout = service(storage, shorter).run(false);
      assertTrue(afterTimeout.full(), "SESSION_TIMEOUT changed");
      assertEquals(54, afterTimeout.eventsProcessed());
      var afterSwitch = DerivedSnapshot.of(storage);
      service(storage, shorter).run(true);
      assertEquals(DerivedSnapshot.of(storage), afterSwitch);
      assertFalse(service(storage, shorter).run(false).full(), "10m again");

      List<?> all = WorkflowCatalog.builtIn().definitions();
      InferenceOptions fewer =
          shorter.withCatalog(
              WorkflowCatalog.of(WorkflowCatalog.builtIn().definitions().subList(1, all.size())));
      assertTrue(service(storage, fewer).run(false).full(), "catalog changed");
      assertFalse(service(storage, fewer).run(false).full(), "same catalog again");
    }
  }

  private static void insertInBatches(Storage storage, List<Event> events) {
    for (int i = 0; i < events.size(); i += 10_000) {
      storage.insertEvents(events.subList(i, Math.min(events.size(), i + 10_000)), NOW);
    }
  }

  private static long generation(Storage storage) {
    return storage.inference().exclusively(tx -> tx.state().generation());
  }

  @Test
  void manyNewEvents_areInferredInSlices_whileTheInferredOnesAreOverThreeTimesAsMany() {
    try (Storage storage = Storages.open(null, dir)) {
      storage.migrate();
      InferenceOptions defaults = InferenceOptions.defaults();
      InferenceService sliced =
          new InferenceService(
              new Database(storage),
              defaults,
              Clock.fixed(NOW, ZoneOffset.UTC),
              new InferenceService.Slices(10, 3));
      storage.insertEvents(events(8, 0), NOW);
      sliced.run(false);

      storage.insertEvents(events(100, 1_000), NOW);
      InferenceRun fewInferred = sliced.run(false);
      assertTrue(fewInferred.full(), "100 new events against 8 inferred: a full run");
      assertEquals(108, fewInferred.eventsProcessed());

      // 35 new events, some within sessions of the earlier ones: 108 inferred is over three times
      storage.insertEvents(events(35, 1_050), NOW);
      long before = generation(storage);
      InferenceRun inSlices = sliced.run(false);
      assertFalse(inSlices.full(), "35 new events against 108 inferred: incremental");
      assertEquals(35, inSlices.eventsProcessed(), "each new event read once, by its slice");
      assertEquals(4, generation(storage) - before, "slices of 10, 10, 10 and 5, each committed");
      var slicedTables = DerivedSnapshot.of(storage);
      sliced.run(true);
      assertEquals(DerivedSnapshot.of(storage), slicedTables);

      storage.insertEvents(events(49, 3_000), NOW);
      assertTrue(sliced.run(false).full(), "49 new events against 143: a full run");
    }
  }

  /**
   * {@code storage}, whose inference store runs {@code between} before its {@code n}-th exclusive
   * work: another instance's turn between two slices of a run.
   */
  private static Storage interleaving(Storage storage, int n, Runnable between) {
    int[] calls = {0};
    return InterceptedInference.of(
        storage,
        (store, work) -> {
          if (++calls[0] == n) {
            between.run();
          }
          return store.exclusively(work);
        });
  }

  @Test
  void anotherInstanceInferringPastARunsBound_betweenSlices_endsTheRun_noFullRecomputation() {
    try (Storage storage = Storages.open(null, dir)) {
      storage.migrate();
      InferenceOptions defaults = InferenceOptions.defaults();
      InferenceService.Slices slices = new InferenceService.Slices(10, 0);
      Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
      InferenceService other = new InferenceService(new Database(storage), defaults, clock, slices);
      storage.insertEvents(events(8, 0), NOW);
      other.run(false);
      storage.insertEvents(events(35, 1_050), NOW);
      // before this run's second slice: 5 more events, and the other instance infers the 30 left
      // and those 5
      Storage shared =
          interleaving(
              storage,
              2,
              () -> {
                storage.insertEvents(events(5, 3_000), NOW);
                other.run(false);
              });
      InferenceService sliced = new InferenceService(new Database(shared), defaults, clock, slices);

      InferenceRun run = sliced.run(false);

      assertFalse(run.full(), "the other instance's position past the bound is no cue for one");
      assertEquals(10, run.eventsProcessed(), "the first slice only: nothing was left after it");
      var tables = DerivedSnapshot.of(storage);
      other.run(true);
      assertEquals(DerivedSnapshot.of(storage), tables);
    }
  }

  @Test
  void moreThanTheIncrementalLimitOfNewEvents_againstFewerInferred_recomputesEverything() {
    int limit = (int) InferenceService.MAX_INCREMENTAL_EVENTS;
    try (Storage storage = Storages.open(null, dir)) {
      storage.migrate();
      InferenceOptions defaults = InferenceOptions.defaults();
      storage.insertEvents(events(8, 0), NOW);
      service(storage, defaults).run(false);

      insertInBatches(storage, events(limit + 1, 1_000));
      InferenceRun overLimit = service(storage, defaults).run(false);
      assertTrue(overLimit.full(), "one more than the limit, against 8 inferred");
      assertEquals(8 + limit + 1, overLimit.eventsProcessed());

      insertInBatches(storage, events(limit, 200_000));
      InferenceRun atLimit = service(storage, defaults).run(false);
      assertFalse(atLimit.full(), "exactly the limit of new events stays incremental");
      assertEquals(limit, atLimit.eventsProcessed());
    }
  }
}
