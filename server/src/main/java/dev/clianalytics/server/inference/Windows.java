package dev.clianalytics.server.inference;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.Recompute;
import dev.clianalytics.core.session.SessionKey;
import dev.clianalytics.core.session.SessionSpan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small set operations on keys, ranges and stored sessions for incremental planning. */
final class Windows {
  private Windows() {}

  /** Per session key of {@code events}: the range from its earliest to its latest event. */
  static List<Recompute> around(Collection<Event> events) {
    Map<SessionKey, Instant[]> bounds = new HashMap<>();
    for (Event e : events) {
      Instant[] b =
          bounds.computeIfAbsent(
              new SessionKey(e.actorId(), e.sessionHint()),
              k -> new Instant[] {e.timestamp(), e.timestamp()});
      b[0] = e.timestamp().isBefore(b[0]) ? e.timestamp() : b[0];
      b[1] = e.timestamp().isAfter(b[1]) ? e.timestamp() : b[1];
    }
    List<Recompute> out = new ArrayList<>(bounds.size());
    bounds.forEach((key, b) -> out.add(new Recompute(key, b[0], b[1])));
    return out;
  }

  /** Ids of the stored sessions lying wholly inside a planned range of their key. */
  static List<String> inside(List<SessionSpan> spans, List<Recompute> plan) {
    Map<SessionKey, List<Recompute>> byKey = new HashMap<>();
    plan.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
    List<String> ids = new ArrayList<>();
    for (SessionSpan s : spans) {
      for (Recompute r : byKey.getOrDefault(s.key(), List.of())) {
        if (!s.start().isBefore(r.from()) && !s.end().isAfter(r.to())) {
          ids.add(s.id());
          break;
        }
      }
    }
    return ids;
  }

  /** {@code spans} without the sessions whose ids are in {@code ids}. */
  static List<SessionSpan> without(List<SessionSpan> spans, Collection<String> ids) {
    Set<String> skip = new HashSet<>(ids);
    return spans.stream().filter(s -> !skip.contains(s.id())).toList();
  }
}
