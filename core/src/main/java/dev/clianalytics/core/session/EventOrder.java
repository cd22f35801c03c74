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
  public static final Comparator<Event> COMPARATOR = EventOrder::compare;

  // Written out rather than chained: it runs once per event on the streaming path.
  private static int compare(Event a, Event b) {
    int byTime = a.timestamp().compareTo(b.timestamp());
    if (byTime != 0) {
      return byTime;
    }
    int byId = compareIds(a.eventId(), b.eventId());
    if (byId != 0) {
      return byId;
    }
    int byPath = String.join(" ", a.commandPath()).compareTo(String.join(" ", b.commandPath()));
    return byPath != 0 ? byPath : Integer.compare(a.exitCode(), b.exitCode());
  }

  private static int compareIds(UUID a, UUID b) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? 1 : -1;
    }
    return a.equals(b) ? 0 : a.toString().compareTo(b.toString());
  }
}
