package dev.clianalytics.server.storage.derived;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.workflow.Commands;
import dev.clianalytics.core.workflow.Exit;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds events up per day, actor, command and CI flag (and per error type, and per tool version and
 * platform) in memory; {@link #writeTo} appends the sums. Memory is one counter per distinct key,
 * far fewer than events.
 */
public final class EventCounts {
  public static final String COLUMNS =
      "day, week, actor_id, tool, command, subcommand, ci, events, successes, failures";
  public static final String ERROR_COLUMNS = "day, actor_id, tool, error_type, events";
  public static final String PLATFORM_COLUMNS =
      "day, week, actor_id, tool, tool_version, os, arch, runtime, events";

  /** What the adoption and platforms reports call a tool version or platform an event lacks. */
  private static final String UNKNOWN = "unknown";

  /**
   * {@code path} is the command path, or just the tool name when the path is empty (the command,
   * subcommand and tool read the same either way); the strings are derived when written, so
   * counting an event allocates no text.
   */
  private record Key(long epochDay, String actor, List<String> path, boolean ci) {}

  private record ErrorKey(String day, String actor, String tool, String errorType) {}

  private record PlatformKey(
      long epochDay,
      String actor,
      String tool,
      String version,
      String os,
      String arch,
      String runtime) {}

  /** How many keys make an early write (see {@link #actorsComplete}) worth a COPY. */
  static final int EARLY_WRITE_KEYS = 10_000;

  private final Map<Key, long[]> counts = new HashMap<>();
  private String lastActor;
  private final Map<ErrorKey, long[]> errors = new HashMap<>();
  private final Map<PlatformKey, long[]> platforms = new HashMap<>();

  /**
   * True when {@code actor} (the next event's) differs from the previous event's and many keys are
   * collected: with events in actor order, the counts collected so far are then final. Writing them
   * early keeps several rows per key from arising while spreading the writes over the scan.
   */
  public boolean actorsComplete(String actor) {
    boolean changed = lastActor != null && !lastActor.equals(actor);
    lastActor = actor;
    return changed && counts.size() + errors.size() + platforms.size() >= EARLY_WRITE_KEYS;
  }

  public void add(Event e) {
    long epochDay = Days.epochDay(e.timestamp());
    List<String> path = e.commandPath().isEmpty() ? List.of(e.toolName()) : e.commandPath();
    long[] c =
        counts.computeIfAbsent(
            new Key(epochDay, e.actorId(), path, e.ciDetected()), k -> new long[3]);
    c[0]++;
    if (e.exitCode() == 0) {
      c[1]++;
    } else if (Exit.isFailure(e.exitCode())) {
      c[2]++;
    }
    platforms
        .computeIfAbsent(
            new PlatformKey(
                epochDay,
                e.actorId(),
                e.toolName(),
                known(e.toolVersion()),
                known(e.platform().os()),
                known(e.platform().arch()),
                known(e.platform().runtime())),
            k -> new long[1])[0]++;
    if (e.errorType() != null && !e.errorType().isEmpty()) {
      errors
          .computeIfAbsent(
              new ErrorKey(Days.day(epochDay), e.actorId(), Commands.tool(e), e.errorType()),
              k -> new long[1])[0]++;
    }
  }

  private static String known(String value) {
    return value == null ? UNKNOWN : value;
  }

  public void writeTo(RowWriter events, RowWriter errorRows, RowWriter platformRows)
      throws SQLException {
    for (Map.Entry<Key, long[]> entry : counts.entrySet()) {
      Key k = entry.getKey();
      long[] c = entry.getValue();
      String command = String.join(" ", k.path());
      events
          .text(Days.day(k.epochDay()))
          .text(Days.week(k.epochDay()))
          .text(k.actor())
          .text(DerivedRows.firstWord(command))
          .text(command)
          .text(String.join(" ", k.path().subList(1, k.path().size())))
          .bool(k.ci())
          .int64(c[0])
          .int64(c[1])
          .int64(c[2])
          .endRow();
    }
    for (Map.Entry<ErrorKey, long[]> entry : errors.entrySet()) {
      ErrorKey k = entry.getKey();
      errorRows
          .text(k.day())
          .text(k.actor())
          .text(k.tool())
          .text(k.errorType())
          .int64(entry.getValue()[0])
          .endRow();
    }
    for (Map.Entry<PlatformKey, long[]> entry : platforms.entrySet()) {
      PlatformKey k = entry.getKey();
      platformRows
          .text(Days.day(k.epochDay()))
          .text(Days.week(k.epochDay()))
          .text(k.actor())
          .text(k.tool())
          .text(k.version())
          .text(k.os())
          .text(k.arch())
          .text(k.runtime())
          .int64(entry.getValue()[0])
          .endRow();
    }
    counts.clear();
    errors.clear();
    platforms.clear();
  }
}
