package dev.clianalytics.core.session;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streaming sessionization; see {@link Sessionizer#stream}. Not thread-safe: one stream per thread,
 * each fed whole actors.
 */
public final class SessionStream {
  private final Sessionizer sessionizer;
  private final Instant horizon;
  private final Consumer<Session> sink;
  private final List<Pending> pending = new ArrayList<>(2);
  private String actor;
  private Event previous;

  SessionStream(Sessionizer sessionizer, Instant horizon, Consumer<Session> sink) {
    this.sessionizer = sessionizer;
    this.horizon = Objects.requireNonNull(horizon, "horizon");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Adds the next event; throws if it comes before the previous event of the same actor. */
  public void accept(Event event) {
    startActorOrCheckOrder(event);
    if (isDuplicate(previous, event)) {
      return;
    }
    previous = event;
    if (pending.size() > 1) {
      expireOthers(event);
    }
    Pending current = find(event.sessionHint());
    if (current != null && !sessionizer.continues(current.last(), event.timestamp())) {
      emit(current);
      pending.remove(current);
      current = null;
    }
    if (current == null) {
      pending.add(new Pending(event));
    } else {
      current.add(event);
    }
  }

  private void startActorOrCheckOrder(Event event) {
    if (!event.actorId().equals(actor)) {
      flushAll();
      actor = event.actorId();
    } else if (EventOrder.COMPARATOR.compare(previous, event) > 0) {
      throw new IllegalArgumentException(
          "events must arrive grouped by actor and in event order (timestamp, event id); "
              + event.timestamp()
              + " came after "
              + previous.timestamp()
              + "; sort the input or use Sessionizer.sessionize");
    }
  }

  // In event order, copies of one event (same id, same time) are neighbours, so a duplicate is
  // caught without remembering ids; the store's unique event ids cover the rest.
  private static boolean isDuplicate(Event previous, Event event) {
    return previous != null
        && event.eventId() != null
        && event.eventId().equals(previous.eventId())
        && event.timestamp().equals(previous.timestamp())
        && event.actorId().equals(previous.actorId());
  }

  /** Emits every session still held, earliest first. */
  public void finish() {
    flushAll();
    actor = null;
    previous = null;
  }

  private void flushAll() {
    pending.sort((a, b) -> EventOrder.COMPARATOR.compare(a.events.get(0), b.events.get(0)));
    pending.forEach(this::emit);
    pending.clear();
  }

  // Events of one actor arrive in time order, so another hint's session that the new event is
  // already past by more than the timeout can never grow again.
  private void expireOthers(Event event) {
    pending.removeIf(
        p -> {
          boolean done = !sessionizer.continues(p.last(), event.timestamp());
          if (done) {
            emit(p);
          }
          return done;
        });
  }

  private Pending find(String hint) {
    for (Pending p : pending) {
      if (Objects.equals(p.hint, hint)) {
        return p;
      }
    }
    return null;
  }

  private void emit(Pending p) {
    Event first = p.events.get(0);
    String id = SessionIds.of(actor, p.hint, first);
    boolean open = sessionizer.isOpen(p.last(), horizon);
    sink.accept(new Session(id, actor, p.hint, p.events, open));
  }

  private static final class Pending {
    final String hint;
    final List<Event> events = new ArrayList<>();

    Pending(Event first) {
      hint = first.sessionHint();
      add(first);
    }

    void add(Event event) {
      events.add(event);
    }

    Instant last() {
      return events.get(events.size() - 1).timestamp();
    }
  }
}
