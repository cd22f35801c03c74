package dev.clianalytics.core.session;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One session (docs/inference.md): consecutive events of one (actor, session hint) key in event
 * order with no gap over the timeout. {@code id} is deterministic (see {@link SessionIds}), so
 * recomputing a session from the same events gives the same id. {@code open} is true while the
 * session may still grow: its last event is less than the timeout before the inference horizon.
 */
public record Session(
    String id, String actorId, String sessionHint, List<Event> events, boolean open) {
  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(actorId, "actorId");
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a session has at least one event");
    }
  }

  /** The timestamp of the first event. */
  public Instant start() {
    return events.get(0).timestamp();
  }

  /** The timestamp of the last event. */
  public Instant end() {
    return events.get(events.size() - 1).timestamp();
  }

  /** The session's key. */
  public SessionKey key() {
    return new SessionKey(actorId, sessionHint);
  }

  /** The same session with another open flag, for re-finalizing when the horizon moves. */
  public Session withOpen(boolean isOpen) {
    return new Session(id, actorId, sessionHint, events, isOpen);
  }
}
