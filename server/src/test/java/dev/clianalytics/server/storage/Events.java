package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test events: every field set, or only the required ones. */
final class Events {
  static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  private Events() {}

  static Event full(String actor, Instant ts) {
    return new Event(
        ts,
        "git",
        "2.45.1",
        List.of("git", "commit"),
        List.of("--amend", "-m"),
        1,
        1234L,
        "MergeConflict",
        "CONFLICT (content): Merge conflict in <path>",
        actor,
        "machine-" + actor,
        "session-" + actor,
        true,
        UUID.randomUUID());
  }

  static Event minimal(String actor, Instant ts) {
    return new Event(
        ts,
        "kubectl",
        null,
        List.of("kubectl"),
        List.of(),
        0,
        null,
        null,
        null,
        actor,
        null,
        null,
        false,
        UUID.randomUUID());
  }

  static List<Event> many(int n, String actorPrefix, int actors) {
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Event e =
          i % 2 == 0
              ? full(actorPrefix + (i % actors), T0.plusSeconds(i))
              : minimal(actorPrefix + (i % actors), T0.plusSeconds(i));
      out.add(e);
    }
    return out;
  }
}
