package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.session.StartMarkers;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Incremental inference over any split of the events into batches, in any arrival order, with
 * duplicates re-sent and start markers among them (paired, interrupted or completed late), and each
 * batch inferred in slices of a few events, leaves exactly the derived tables of one full
 * recomputation (real storage, the real inference service). Written once; each database's subclass
 * runs {@link #incrementalEqualsFull} as its property.
 */
abstract class IncrementalInferenceProperty {
  /** A Sunday evening: the first hours' sessions already cross into the next ISO week. */
  static final Instant BASE = Instant.parse("2026-03-01T20:00:00Z");

  private static final List<String> COMMANDS =
      List.of(
          "terraform init",
          "terraform plan",
          "terraform apply",
          "terraform apply",
          "git push",
          "ai-do run",
          "npm audit");

  /** The property on {@code storage}, new and empty (not yet migrated); the caller closes it. */
  static void incrementalEqualsFull(Storage storage, List<Event> events, int batches, long seed) {
    Instant now = BASE.plus(Duration.ofDays(13));
    storage.migrate();
    // slices of 1 to 8 events whenever a run has more new ones, so a run's events are inferred as
    // several incremental runs (and each slice's horizon is its own)
    InferenceService.Slices slices = new InferenceService.Slices(1 + Math.floorMod(seed, 8), 0);
    InferenceService service =
        new InferenceService(
            new Database(storage),
            InferenceOptions.defaults(),
            Clock.fixed(now, ZoneOffset.UTC),
            slices);
    for (List<Event> batch : arrivals(events, batches, new Random(seed))) {
      storage.insertEvents(batch, now);
      service.run(false);
    }
    var incremental = DerivedSnapshot.of(storage);
    service.run(true);
    assertEquals(DerivedSnapshot.of(storage), incremental);
  }

  /** The events shuffled, some re-sent, and cut into {@code n} batches. */
  static List<List<Event>> arrivals(List<Event> events, int n, Random random) {
    List<Event> order = new ArrayList<>(events);
    for (int i = 0; i < events.size() / 5; i++) {
      order.add(events.get(random.nextInt(events.size())));
    }
    Collections.shuffle(order, random);
    List<List<Event>> out = new ArrayList<>();
    int size = Math.max(1, (order.size() + n - 1) / n);
    for (int i = 0; i < order.size(); i += size) {
      out.add(order.subList(i, Math.min(order.size(), i + size)));
    }
    return out;
  }

  /** One to 50 events of three actors, most over a few hours, some over the following days. */
  @Provide
  Arbitrary<List<Event>> events() {
    return event().list().ofMinSize(1).ofMaxSize(50);
  }

  // Times cluster in a few hours across a week boundary, with gaps of all sizes so that sessions
  // split and bridge often, and some runs land days later (in the next week or the one after).
  // Versions, durations and event ids are drawn too, so a seed replays the same events.
  private static Arbitrary<Event> event() {
    Arbitrary<Long> seconds =
        Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 16 * 60)),
                Tuple.of(1, Arbitraries.integers().between(0, 12 * 24 * 60)))
            .map(m -> m * 60L);
    return Combinators.combine(
            Arbitraries.of("a", "b", "c"),
            Arbitraries.of("", "", "h1"),
            seconds,
            Arbitraries.of(COMMANDS),
            Arbitraries.of(0, 0, 0, 1, 2, -1, 130, 143, START, START),
            Arbitraries.of(false, false, false, true),
            details())
        .as(
            (actor, hint, at, command, exit, ci, detail) ->
                withMarker(
                    exit,
                    new Event(
                        BASE.plusSeconds(at),
                        command.split(" ")[0],
                        detail.version(),
                        List.of(command.split(" ")),
                        List.of(),
                        exit == START ? 0 : exit,
                        detail.durationMs(),
                        exit == 0 ? null : "E" + exit,
                        null,
                        actor,
                        null,
                        hint.isEmpty() ? null : hint,
                        ci,
                        detail.id())));
  }

  private record Detail(String version, Long durationMs, UUID id) {}

  private static Arbitrary<Detail> details() {
    return Combinators.combine(
            Arbitraries.of("1.0", "1.1", "2.0"),
            Arbitraries.longs().between(-1, 120_000),
            Arbitraries.longs(),
            Arbitraries.longs())
        .as((v, d, hi, lo) -> new Detail(v, d < 0 ? null : d, new UUID(hi, lo)));
  }

  // A start marker stands before its run, sometimes paired by a later run of the same command in
  // the session, sometimes left open (interrupted) or arriving after its completion.
  private static final int START = 9999;

  private static Event withMarker(int exit, Event event) {
    return exit == START ? StartMarkers.marker(event) : event;
  }
}
