package dev.clianalytics.core.inference;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.Recomputation;
import dev.clianalytics.core.session.Recompute;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.session.SessionKey;
import dev.clianalytics.core.session.SessionSpan;
import dev.clianalytics.core.session.Sessionizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written fake of the server's incremental inference: keeps events and sessions in memory
 * and, per arrival batch, recomputes only what {@link Recomputation} plans.
 */
final class IncrementalStore {
  private final Sessionizer sessionizer;
  private final List<Event> events = new ArrayList<>();
  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private Instant newest;

  IncrementalStore(Sessionizer sessionizer) {
    this.sessionizer = sessionizer;
  }

  void ingestAndInfer(List<Event> batch) {
    events.addAll(batch);
    for (Event e : batch) {
      newest = newest == null || e.timestamp().isAfter(newest) ? e.timestamp() : newest;
    }
    if (newest == null) {
      return;
    }
    List<SessionSpan> spans = sessions.values().stream().map(SessionSpan::of).toList();
    for (Recompute range : Recomputation.plan(spans, batch, sessionizer)) {
      sessions
          .values()
          .removeIf(s -> inRange(s.key(), s.start(), range) && inRange(s.key(), s.end(), range));
      List<Event> slice =
          events.stream().filter(e -> inRange(keyOf(e), e.timestamp(), range)).toList();
      sessionizer.sessionize(slice, newest).forEach(s -> sessions.put(s.id(), s));
    }
    List<SessionSpan> current = sessions.values().stream().map(SessionSpan::of).toList();
    for (SessionSpan stale : Recomputation.reclassify(current, newest, sessionizer)) {
      sessions.put(stale.id(), sessions.get(stale.id()).withOpen(!stale.open()));
    }
  }

  List<Session> sessions() {
    List<Session> all = new ArrayList<>(sessions.values());
    all.sort(Sessionizer.ORDER);
    return all;
  }

  private static SessionKey keyOf(Event e) {
    return new SessionKey(e.actorId(), e.sessionHint());
  }

  private static boolean inRange(SessionKey key, Instant t, Recompute range) {
    return key.equals(range.key()) && !t.isBefore(range.from()) && !t.isAfter(range.to());
  }
}
