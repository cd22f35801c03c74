package dev.clianalytics.server.storage.derived;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.EventOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts events that share an actor and a timestamp into inference order (event id, see {@link
 * EventOrder}) on their way to {@code sink}. Scans then only ask the database for actor and
 * timestamp order, which PostgreSQL reads straight off the {@code (actor_id, ts)} index instead of
 * sorting every group of equal timestamps again; such ties are rare and held here briefly.
 */
public final class TieOrder implements Consumer<Event> {
  private final Consumer<Event> sink;
  private final List<Event> ties = new ArrayList<>();
  private Event pending;

  public TieOrder(Consumer<Event> sink) {
    this.sink = sink;
  }

  @Override
  public void accept(Event e) {
    if (pending != null
        && (!pending.timestamp().equals(e.timestamp()) || !pending.actorId().equals(e.actorId()))) {
      flush();
    }
    if (pending == null) {
      pending = e;
    } else {
      ties.add(e);
    }
  }

  /** Passes on what is still held; call after the last event. */
  public void finish() {
    if (pending != null) {
      flush();
    }
  }

  private void flush() {
    if (ties.isEmpty()) {
      sink.accept(pending);
    } else {
      ties.add(pending);
      ties.sort(EventOrder.COMPARATOR);
      ties.forEach(sink);
      ties.clear();
    }
    pending = null;
  }
}
