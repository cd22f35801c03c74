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
    Map<String, Integer> ids = new HashMap<>();
    int[] id = new int[commands.size()];
    for (int i = 0; i < id.length; i++) {
      id[i] = ids.computeIfAbsent(commands.get(i), c -> ids.size() + 1);
    }
    int bits = Integer.SIZE - Integer.numberOfLeadingZeros(ids.size());
    int longest = Math.min(depth + 1, commands.size());
    // Without '>' in a command, a sequence's text tells its commands apart, as its ids do.
    boolean plain = ids.keySet().stream().noneMatch(c -> c.indexOf('>') >= 0);
    return plain && (long) bits * longest <= Long.SIZE - 1
        ? byIds(commands, id, bits, failing, actorId, depth)
        : byText(commands, failing, actorId, depth);
  }

  /**
   * Counts windows by a number packing their commands' ids ({@code bits} each, all ids at least 1,
   * so windows of different lengths differ too): a sequence's text is built once per distinct
   * sequence rather than once per window. Same result, in the same order, as {@link #byText}.
   */
  static List<PathCount> byIds(
      List<String> commands, int[] id, int bits, BitSet failing, String actorId, int depth) {
    Map<Long, Window> counts = new LinkedHashMap<>();
    for (int i = 0; i < id.length; i++) {
      int from = Math.max(0, i - depth);
      long key = id[i];
      Window window = null;
      for (int j = i; ; j--) {
        window = counts.get(key);
        if (window == null) {
          window = new Window(j, i + 1);
          counts.put(key, window);
        }
        window.occurrences++;
        if (j == from) {
          break;
        }
        key |= (long) id[j - 1] << (bits * (i - j + 1));
      }
      if (failing.get(i)) {
        window.failures++;
      }
    }
    List<PathCount> result = new ArrayList<>(counts.size());
    for (Window w : counts.values()) {
      String sequence = String.join(SEPARATOR, commands.subList(w.from, w.to));
      result.add(new PathCount(sequence, actorId, w.failures, w.occurrences));
    }
    return result;
  }

  /** Where a sequence was first seen ({@code commands[from, to)}) and its counts. */
  private static final class Window {
    final int from;
    final int to;
    long failures;
    long occurrences;

    Window(int from, int to) {
      this.from = from;
      this.to = to;
    }
  }

  /** Counts windows by their text: for sessions whose windows do not fit {@link #byIds}. */
  static List<PathCount> byText(List<String> commands, BitSet failing, String actorId, int depth) {
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
