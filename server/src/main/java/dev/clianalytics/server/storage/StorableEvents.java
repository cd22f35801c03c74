package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a batch of events before any backend stores it (at most {@link #MAX_BATCH}, each with an
 * event id) and makes its values storable ({@link Storable}). Every backend calls {@link #of}
 * first.
 */
public final class StorableEvents {
  /** The most events one insert accepts, matching the ingest limit of docs/server.md. */
  static final int MAX_BATCH = 10_000;

  private StorableEvents() {}

  public static List<Event> of(List<Event> events) {
    if (events.size() > MAX_BATCH) {
      throw new IllegalArgumentException(
          "a batch holds at most " + MAX_BATCH + " events, got " + events.size() + "; split it");
    }
    List<Event> out = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e.eventId() == null) {
        throw new IllegalArgumentException(
            "event " + i + " has no event_id; the ingest path must assign one before storing");
      }
      out.add(Storable.clean(e));
    }
    return out;
  }

  public static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
