package dev.clianalytics.core.inference;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random events shaped to hit the edges: few actors and hints, minute times, exact gaps. */
final class RandomEvents {
  static final Instant BASE = Instant.parse("2026-01-05T08:00:00Z");
  static final List<String> COMMANDS =
      List.of(
          "terraform init",
          "terraform plan",
          "terraform apply",
          "git add",
          "git commit",
          "git push",
          "npm test",
          "npm audit",
          "ai-do run",
          "ai-do plan",
          "ls");

  private RandomEvents() {}

  static Arbitrary<Event> event() {
    return Combinators.combine(
            Arbitraries.of("actor-a", "actor-b"),
            Arbitraries.of("", "tab-1"),
            Arbitraries.integers().between(0, 300),
            Arbitraries.of(COMMANDS),
            Arbitraries.of(0, 0, 0, 1, 2, 130, 143),
            Arbitraries.longs(),
            Arbitraries.of(false, false, true))
        .as(
            (actor, hint, minute, command, exit, id, ci) ->
                new Event(
                    BASE.plusSeconds(60L * minute),
                    command.split(" ")[0],
                    "1." + (minute % 3),
                    List.of(command.split(" ")),
                    List.of(),
                    exit,
                    null,
                    exit == 0 ? null : "E" + exit,
                    null,
                    actor,
                    null,
                    hint.isEmpty() ? null : hint,
                    ci,
                    new UUID(id, minute)));
  }

  static Arbitrary<List<Event>> events() {
    return event().list().ofMaxSize(60).uniqueElements(Event::eventId);
  }

  static Instant newest(List<Event> events) {
    return events.stream().map(Event::timestamp).max(Instant::compareTo).orElse(BASE);
  }
}
