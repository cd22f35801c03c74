package dev.clianalytics.core.session;

import dev.clianalytics.core.event.Event;
import java.util.Comparator;
import java.util.UUID;

/**
 * The order inference reads events in: by timestamp, ties by event id in its lowercase string form
 * (the order PostgreSQL and DuckDB give a {@code uuid} or text column), events without an id last
 * and among themselves by command path and exit code, so any input order gives one result.
 */
public final class EventOrder {
  private EventOrder() {}

  /** Timestamp, then event id (string order, nulls last), then command path, then exit code. */
  public static final Comparator<Event> COMPARATOR =
      Comparator.comparing(Event::timestamp)
          .thenComparing(Event::eventId, Comparator.nullsLast(EventOrder::compareIds))
          .thenComparing(e -> String.join(" ", e.commandPath()))
          .thenComparingInt(Event::exitCode);

  private static int compareIds(UUID a, UUID b) {
    return a.equals(b) ? 0 : a.toString().compareTo(b.toString());
  }
}
