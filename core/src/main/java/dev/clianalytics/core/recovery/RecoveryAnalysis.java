package dev.clianalytics.core.recovery;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.workflow.Commands;
import dev.clianalytics.core.workflow.Exit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
    Merger merger = new Merger();
    for (RecoveryCount c : contributions) {
      Part part = merger.add(c.command(), c.actorId(), c.failures(), c.recovered());
      c.nextCommands().forEach(part::next);
      c.recoveryMillis().forEach(part::recoveryMillis);
    }
    return merger.result(minActors);
  }

  /**
   * Merges contributions given piece by piece, for a caller that reads them from storage: the same
   * result as {@link #merge(Iterable, int)} without a {@link RecoveryCount} (and its copies) per
   * contribution.
   */
  public static final class Merger {
    private final Map<String, Merged> byCommand = new HashMap<>();

    /**
     * Adds a contribution's counts (see {@link RecoveryCount}); its next commands and recovery
     * times go to the part returned.
     */
    public Part add(String command, String actorId, long failures, long recovered) {
      Merged m = byCommand.get(command);
      if (m == null) {
        m = new Merged();
        byCommand.put(command, m);
      }
      m.failures += failures;
      m.recovered += recovered;
      m.actors.add(actorId);
      return m;
    }

    /** One recovery per command that failed for at least {@code minActors}, as {@link #merge}. */
    public List<Recovery> result(int minActors) {
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
  }

  /** Where the rest of one contribution goes. */
  public interface Part {
    /** {@code times} of the contribution's failures were followed by {@code command}. */
    void next(String command, long times);

    /** One of the contribution's recoveries took {@code millis}. */
    void recoveryMillis(long millis);
  }

  /** The median; for an even count the mean of the two middle values, rounded down. */
  static Long median(List<Long> values) {
    long[] array = new long[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return median(array, array.length);
  }

  /** The median of the first {@code n} values, which it sorts; null for none. */
  private static Long median(long[] values, int n) {
    if (n == 0) {
      return null;
    }
    Arrays.sort(values, 0, n);
    int mid = n / 2;
    return n % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static final class Builder {
    long failures;
    final Map<String, Long> next = new HashMap<>();
    final List<Long> millis = new ArrayList<>();
  }

  private static final class Merged implements Part {
    long failures;
    long recovered;
    final Set<String> actors = new HashSet<>();
    final Map<String, Long> next = new HashMap<>();
    long[] millis = new long[4];
    int millisCount;

    @Override
    public void next(String command, long times) {
      next.merge(command, times, Long::sum);
    }

    @Override
    public void recoveryMillis(long value) {
      if (millisCount == millis.length) {
        millis = Arrays.copyOf(millis, millisCount * 2);
      }
      millis[millisCount++] = value;
    }

    Recovery toRecovery(String command) {
      Map<String, Long> ordered = new LinkedHashMap<>();
      next.entrySet().stream()
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> ordered.put(e.getKey(), e.getValue()));
      return new Recovery(
          command,
          failures,
          actors.size(),
          ordered,
          (double) recovered / failures,
          median(millis, millisCount));
    }
  }
}
