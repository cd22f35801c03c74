package dev.clianalytics.core.hotpath;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.workflow.Commands;
import dev.clianalytics.core.workflow.Exit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Failure hot paths (docs/reports.md). Every event of a session ends one window: the event and up
 * to {@code k} events before it in the same session. A window ending in a failing event (non-zero
 * exit other than 130 and 143) is a failure of its sequence; every window, whatever its outcome, is
 * an occurrence. Windows near the start of a session are shorter, so failures never exceed
 * occurrences.
 */
public final class HotPaths {
  /** The default number of preceding events, {@code k}. */
  public static final int DEFAULT_DEPTH = 3;

  static final String SEPARATOR = " > ";

  private HotPaths() {}

  /**
   * The session's contributions, one per distinct sequence, in first-seen order: every run of 1 to
   * {@code depth + 1} consecutive commands is an occurrence of its sequence, and each failing event
   * is a failure of its path (itself and up to {@code depth} commands before it).
   */
  public static List<PathCount> contributions(Session session, int depth) {
    List<Event> events = session.events();
    List<String> commands = new ArrayList<>(events.size());
    BitSet failing = new BitSet(events.size());
    for (int i = 0; i < events.size(); i++) {
      commands.add(Commands.display(events.get(i)));
      failing.set(i, Exit.isFailure(events.get(i).exitCode()));
    }
    return contributions(commands, failing, session.actorId(), depth);
  }

  /**
   * As {@link #contributions(Session, int)}, from what the counts depend on: the session's full
   * command paths in event order, which of them failed, and its actor. Lets a store keep a compact
   * trail per session instead of its counts.
   */
  public static List<PathCount> contributions(
      List<String> commands, BitSet failing, String actorId, int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("hot path depth k must be >= 0, was " + depth);
    }
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (int i = 0; i < commands.size(); i++) {
      String sequence = commands.get(i);
      int from = Math.max(0, i - depth);
      for (int j = i; ; j--) {
        counts.computeIfAbsent(sequence, w -> new long[2])[1]++;
        if (j == from) {
          break;
        }
        sequence = commands.get(j - 1) + SEPARATOR + sequence;
      }
      if (failing.get(i)) {
        counts.get(sequence)[0]++;
      }
    }
    List<PathCount> result = new ArrayList<>(counts.size());
    counts.forEach((seq, c) -> result.add(new PathCount(seq, actorId, c[0], c[1])));
    return result;
  }

  /** Merges contributions into ranked paths: by failures, then distinct actors, then path. */
  public static List<HotPath> rank(Iterable<PathCount> contributions) {
    return rank(contributions, 1);
  }

  /** As {@link #rank(Iterable)}, hiding paths seen from fewer than {@code minActors} actors. */
  public static List<HotPath> rank(Iterable<PathCount> contributions, int minActors) {
    Map<String, long[]> counts = new HashMap<>();
    Map<String, Set<String>> actors = new HashMap<>();
    for (PathCount c : contributions) {
      long[] sum = counts.computeIfAbsent(c.sequence(), s -> new long[2]);
      sum[0] += c.failures();
      sum[1] += c.occurrences();
      if (c.failures() > 0) {
        actors.computeIfAbsent(c.sequence(), s -> new HashSet<>()).add(c.actorId());
      }
    }
    List<HotPath> paths = new ArrayList<>();
    counts.forEach(
        (sequence, sum) -> {
          long actorCount = actors.getOrDefault(sequence, Set.of()).size();
          if (sum[0] > 0 && actorCount >= minActors) {
            paths.add(
                new HotPath(sequence + "!", sum[0], actorCount, sum[1], (double) sum[0] / sum[1]));
          }
        });
    paths.sort(RANKING);
    return paths;
  }

  /** Failures descending, then distinct actors descending, then path. */
  public static final Comparator<HotPath> RANKING =
      Comparator.comparingLong(HotPath::failures)
          .reversed()
          .thenComparing(Comparator.comparingLong(HotPath::actors).reversed())
          .thenComparing(HotPath::path);
}
