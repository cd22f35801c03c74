package dev.clianalytics.core.recovery;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.workflow.Commands;
import dev.clianalytics.core.workflow.Exit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recovery after failures: per session contributions ({@link #contributions}) that merge into one
 * {@link Recovery} per failing command ({@link #merge}). Commands are full command paths such as
 * {@code "terraform apply"}.
 */
public final class RecoveryAnalysis {
  private RecoveryAnalysis() {}

  /** One contribution per command that failed in the session, in first-failure order. */
  public static List<RecoveryCount> contributions(Session session) {
    List<Event> events = session.events();
    Map<String, Builder> byCommand = new LinkedHashMap<>();
    String[] shown = new String[events.size()]; // each event's command, joined once
    for (int i = 0; i < events.size(); i++) {
      Event failure = events.get(i);
      if (!Exit.isFailure(failure.exitCode())) {
        continue;
      }
      String command = display(events, shown, i);
      Builder b = byCommand.computeIfAbsent(command, c -> new Builder());
      b.failures++;
      String next = i + 1 < events.size() ? display(events, shown, i + 1) : null;
      b.next.merge(next == null ? Recovery.SESSION_ENDED : next, 1L, Long::sum);
      for (int j = i + 1; j < events.size(); j++) {
        Event later = events.get(j);
        if (later.exitCode() == 0 && command.equals(display(events, shown, j))) {
          b.millis.add(Duration.between(failure.timestamp(), later.timestamp()).toMillis());
          break;
        }
      }
    }
    List<RecoveryCount> result = new ArrayList<>();
    byCommand.forEach(
        (command, b) ->
            result.add(
                new RecoveryCount(
                    command, session.actorId(), b.failures, b.next, b.millis.size(), b.millis)));
    return result;
  }

  private static String display(List<Event> events, String[] shown, int i) {
    String s = shown[i];
    if (s == null) {
      s = Commands.display(events.get(i));
      shown[i] = s;
    }
    return s;
  }

  /** Merges contributions; most failures first, then command. */
  public static List<Recovery> merge(Iterable<RecoveryCount> contributions) {
    return merge(contributions, 1);
  }

  /** As {@link #merge(Iterable)}, hiding commands that failed for fewer than {@code minActors}. */
  public static List<Recovery> merge(Iterable<RecoveryCount> contributions, int minActors) {
    Map<String, Merged> byCommand = new HashMap<>();
    for (RecoveryCount c : contributions) {
      Merged m = byCommand.computeIfAbsent(c.command(), k -> new Merged());
      m.failures += c.failures();
      m.recovered += c.recovered();
      m.actors.add(c.actorId());
      m.millis.addAll(c.recoveryMillis());
      c.nextCommands().forEach((next, n) -> m.next.merge(next, n, Long::sum));
    }
    List<Recovery> result = new ArrayList<>();
    byCommand.forEach(
        (command, m) -> {
          if (m.actors.size() >= minActors) {
            result.add(m.toRecovery(command));
          }
        });
    result.sort(
        Comparator.comparingLong(Recovery::failures).reversed().thenComparing(Recovery::command));
    return result;
  }

  /** The median; for an even count the mean of the two middle values, rounded down. */
  static Long median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }

  private static final class Builder {
    long failures;
    final Map<String, Long> next = new HashMap<>();
    final List<Long> millis = new ArrayList<>();
  }

  private static final class Merged {
    long failures;
    long recovered;
    final Set<String> actors = new HashSet<>();
    final Map<String, Long> next = new HashMap<>();
    final List<Long> millis = new ArrayList<>();

    Recovery toRecovery(String command) {
      Map<String, Long> ordered = new LinkedHashMap<>();
      next.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> ordered.put(e.getKey(), e.getValue()));
      return new Recovery(
          command, failures, actors.size(), ordered, (double) recovered / failures, median(millis));
    }
  }
}
