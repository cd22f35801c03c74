package dev.clianalytics.core.session;

import dev.clianalytics.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Splits events into sessions (docs/inference.md). Within one (actor, session hint) key, a gap of
 * more than the timeout between consecutive events starts a new session; a gap of exactly the
 * timeout does not. A session is open while its last event is less than the timeout before the
 * horizon.
 */
public final class Sessionizer {
  /** The default {@code SESSION_TIMEOUT}: 30 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private final Duration timeout;

  /** A sessionizer with this timeout, which must be positive. */
  public Sessionizer(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "SESSION_TIMEOUT must be positive, was " + timeout + "; use e.g. 30m");
    }
    this.timeout = timeout;
  }

  /** The session timeout ({@code SESSION_TIMEOUT}). */
  public Duration timeout() {
    return timeout;
  }

  /** The inference horizon: the newest event timestamp seen for any actor, or now if earlier. */
  public static Instant horizon(Instant newestSeen, Instant now) {
    return newestSeen == null || now.isBefore(newestSeen) ? now : newestSeen;
  }

  /** True when {@code next} belongs to the session whose last event is at {@code previous}. */
  public boolean continues(Instant previous, Instant next) {
    return !next.isAfter(previous.plus(timeout));
  }

  /** True while a session whose last event is at {@code lastEvent} is open at {@code horizon}. */
  public boolean isOpen(Instant lastEvent, Instant horizon) {
    return lastEvent.plus(timeout).isAfter(horizon);
  }

  /**
   * A streaming sessionizer: feed it events grouped by actor and, within an actor, in {@link
   * EventOrder}; it hands each session to {@code sink} as soon as no later event can join it.
   * Memory is bounded by the open sessions of the current actor.
   */
  public SessionStream stream(Instant horizon, Consumer<Session> sink) {
    return new SessionStream(this, horizon, sink);
  }

  /**
   * All sessions of {@code events} in any order: of events sharing an event id only the first in
   * event order is kept, and the result is ordered by actor, start and id.
   */
  public List<Session> sessionize(Collection<Event> events, Instant horizon) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(EventOrder.COMPARATOR);
    Set<UUID> ids = new HashSet<>();
    sorted.removeIf(e -> e.eventId() != null && !ids.add(e.eventId()));
    sorted.sort(Comparator.comparing(Event::actorId).thenComparing(EventOrder.COMPARATOR));
    List<Session> sessions = new ArrayList<>();
    SessionStream stream = stream(horizon, sessions::add);
    sorted.forEach(stream::accept);
    stream.finish();
    sessions.sort(ORDER);
    return sessions;
  }

  /** Sessions ordered by actor, start, then id. */
  public static final Comparator<Session> ORDER =
      Comparator.comparing(Session::actorId)
          .thenComparing(Session::start)
          .thenComparing(Session::id);
}
