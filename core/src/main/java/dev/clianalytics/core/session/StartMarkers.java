package dev.clianalytics.core.session;

import dev.clianalytics.core.event.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-event model (docs/posthog.md): a tool that reports a command once when it starts and once
 * when it ends sends a start marker and then a completed run. Markers are stored like events (exit
 * code {@link #EXIT_CODE}, which no valid event has) so they take part in sessions and in
 * incremental inference; {@link #runs} turns a session's events into the runs it stands for. A
 * marker followed in its session by a completed run of the same command is that run; one still
 * unpaired when its session closes is an interrupted run (exit code {@link #INTERRUPTED}).
 */
public final class StartMarkers {
  /**
   * The exit code a start marker is stored with: the one 32-bit value event validation refuses, so
   * no event received as a completed run can be taken for a marker.
   */
  public static final int EXIT_CODE = Integer.MIN_VALUE;

  /** The exit code of the run an unpaired marker becomes (SIGINT, counted as abandoned). */
  public static final int INTERRUPTED = 130;

  private StartMarkers() {}

  /** True when {@code event} is a start marker rather than a completed run. */
  public static boolean isMarker(Event event) {
    return event.exitCode() == EXIT_CODE;
  }

  /** {@code event} as a start marker: its exit code, duration and error fields are not kept. */
  public static Event marker(Event event) {
    return new Event(
        event.timestamp(),
        event.toolName(),
        event.toolVersion(),
        event.commandPath(),
        event.flagsPresent(),
        EXIT_CODE,
        null,
        null,
        null,
        event.actorId(),
        event.machineId(),
        event.sessionHint(),
        event.ciDetected(),
        event.eventId());
  }

  /** True when {@code session} holds no start marker (the common case, checked without copying). */
  public static boolean none(Session session) {
    for (Event e : session.events()) {
      if (isMarker(e)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The runs {@code session} stands for, in event order: completed runs as they are, each marker
   * paired with the first later (or same-instant) completed run of the same tool and command
   * dropped, and each unpaired marker dropped while the session is open or turned into an
   * interrupted run once it is closed. A pure function of the session, so incremental and full
   * inference agree.
   */
  public static List<Event> runs(Session session) {
    List<Event> events = session.events();
    if (none(session)) {
      return events;
    }
    BitSet paired = pair(events);
    List<Event> runs = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (!isMarker(e)) {
        runs.add(e);
      } else if (!paired.get(i) && !session.open()) {
        runs.add(interrupted(e));
      }
    }
    return runs;
  }

  /**
   * Marks the markers a completed run pairs with. Events come ordered by timestamp then event id,
   * so a marker sharing its run's instant may sort after it: markers of one instant are taken
   * before the runs of that instant. Each run takes the latest open marker of its command (a
   * command started twice and finished once was interrupted the first time).
   */
  private static BitSet pair(List<Event> events) {
    BitSet paired = new BitSet(events.size());
    Map<Key, Deque<Integer>> open = new HashMap<>();
    int i = 0;
    while (i < events.size()) {
      int end = i;
      while (end < events.size() && events.get(end).timestamp().equals(events.get(i).timestamp())) {
        end++;
      }
      for (int j = i; j < end; j++) {
        if (isMarker(events.get(j))) {
          open.computeIfAbsent(Key.of(events.get(j)), k -> new ArrayDeque<>()).push(j);
        }
      }
      for (int j = i; j < end; j++) {
        if (!isMarker(events.get(j))) {
          Deque<Integer> waiting = open.get(Key.of(events.get(j)));
          if (waiting != null && !waiting.isEmpty()) {
            paired.set(waiting.pop());
          }
        }
      }
      i = end;
    }
    return paired;
  }

  private static Event interrupted(Event marker) {
    return new Event(
        marker.timestamp(),
        marker.toolName(),
        marker.toolVersion(),
        marker.commandPath(),
        marker.flagsPresent(),
        INTERRUPTED,
        null,
        null,
        null,
        marker.actorId(),
        marker.machineId(),
        marker.sessionHint(),
        marker.ciDetected(),
        marker.eventId());
  }

  private record Key(String tool, List<String> command) {
    static Key of(Event e) {
      return new Key(e.toolName(), e.commandPath());
    }
  }
}
