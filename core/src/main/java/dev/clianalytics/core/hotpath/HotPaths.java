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
    return contributions(session, depth, new Names());
  }

  /** As {@link #contributions(Session, int)}, naming sequences through {@code names}. */
  public static List<PathCount> contributions(Session session, int depth, Names names) {
    List<Event> events = session.events();
    List<String> commands = new ArrayList<>(events.size());
    BitSet failing = new BitSet(events.size());
    for (int i = 0; i < events.size(); i++) {
      commands.add(Commands.display(events.get(i)));
      failing.set(i, Exit.isFailure(events.get(i).exitCode()));
    }
    return contributions(commands, failing, session.actorId(), depth, names);
  }

  /**
   * As {@link #contributions(Session, int)}, from what the counts depend on: the session's full
   * command paths in event order, which of them failed, and its actor. Lets a store keep a compact
   * trail per session instead of its counts.
   */
  public static List<PathCount> contributions(
      List<String> commands, BitSet failing, String actorId, int depth) {
    return contributions(commands, failing, actorId, depth, new Names());
  }

  /**
   * As {@link #contributions(List, BitSet, String, int)}, naming sequences through {@code names}: a
   * sequence seen before gets the same {@code String}, so whoever sums contributions by sequence
   * compares them by reference and reuses their hash.
   */
  public static List<PathCount> contributions(
      List<String> commands, BitSet failing, String actorId, int depth, Names names) {
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
    boolean plain = true;
    for (String c : ids.keySet()) {
      plain &= c.indexOf('>') < 0;
    }
    return plain && (long) bits * longest <= Long.SIZE - 1
        ? byIds(commands, id, bits, failing, actorId, depth, names.ids(ids))
        : byText(commands, failing, actorId, depth);
  }

  /**
   * Counts windows by a number packing their commands' ids ({@code bits} each, all ids at least 1,
   * so windows of different lengths differ too): a sequence's text is built once per distinct
   * sequence rather than once per window. Same result, in the same order, as {@link #byText}.
   */
  static List<PathCount> byIds(
      List<String> commands,
      int[] id,
      int bits,
      BitSet failing,
      String actorId,
      int depth,
      Names.Local names) {
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
      String sequence = names.sequence(commands, id, w.from, w.to);
      result.add(new PathCount(sequence, actorId, w.failures, w.occurrences));
    }
    return result;
  }

  /**
   * The names of the sequences one thread has counted, by the commands they join: a sequence seen
   * before is named by the same {@code String}, looked up by a number packing its commands' ids
   * instead of built anew. Holds at most {@link Names#MAX_COMMANDS} commands and {@link
   * Names#MAX_SEQUENCES} sequences; past that, sequences are built as without it. Not for use by
   * several threads.
   */
  public static final class Names {
    static final int MAX_COMMANDS = (1 << 16) - 1;
    static final int MAX_SEQUENCES = 1 << 20;

    private final Map<String, Integer> commandIds = new HashMap<>();
    private final Map<Long, String> sequences = new HashMap<>();
    private final int maxCommands;
    private final int maxSequences;

    public Names() {
      this(MAX_COMMANDS, MAX_SEQUENCES);
    }

    Names(int maxCommands, int maxSequences) {
      if (maxCommands > MAX_COMMANDS) {
        throw new IllegalArgumentException("ids must fit 16 bits: " + maxCommands);
      }
      this.maxCommands = maxCommands;
      this.maxSequences = maxSequences;
    }

    int sequencesHeld() {
      return sequences.size();
    }

    /** One session's view: its commands' ids (from 1, by first use) mapped to the shared ones. */
    Local ids(Map<String, Integer> local) {
      int[] shared = new int[local.size() + 1];
      local.forEach((command, id) -> shared[id] = commandId(command));
      return new Local(shared);
    }

    /** The command's shared id, from 1; 0 once the table is full and the command is not in it. */
    private int commandId(String command) {
      Integer id = commandIds.get(command);
      if (id != null) {
        return id;
      }
      if (commandIds.size() >= maxCommands) {
        return 0;
      }
      commandIds.put(command, commandIds.size() + 1);
      return commandIds.size();
    }

    final class Local {
      private final int[] shared;

      private Local(int[] shared) {
        this.shared = shared;
      }

      /** {@code commands[from, to)} joined by the separator; {@code id} their session ids. */
      String sequence(List<String> commands, int[] id, int from, int to) {
        if (to - from > Long.SIZE / 16) {
          return join(commands, from, to);
        }
        long key = 0;
        for (int i = from; i < to; i++) {
          int command = shared[id[i]];
          if (command == 0) {
            return join(commands, from, to);
          }
          key = key << 16 | command;
        }
        // Spread over all 64 bits (an odd multiplier maps distinct keys to distinct keys): Long's
        // hash folds the halves together, and packed ids would collide in it.
        key *= 0x9E3779B97F4A7C15L;
        String name = sequences.get(key);
        if (name == null) {
          name = join(commands, from, to);
          if (sequences.size() < maxSequences) {
            sequences.put(key, name);
          }
        }
        return name;
      }
    }

    private static String join(List<String> commands, int from, int to) {
      String sequence = String.join(SEPARATOR, commands.subList(from, to));
      sequence.hashCode(); // computed here, once: the String keeps it for whoever sums by sequence
      return sequence;
    }
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
