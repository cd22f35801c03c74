package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.nsm.IsoWeeks;
import dev.clianalytics.core.workflow.Commands;
import dev.clianalytics.core.workflow.Exit;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Adds events up per day, actor, command and CI flag (and per error type) in memory; {@link
 * #writeTo} appends the sums. Memory is one counter per distinct key, far fewer than events.
 */
final class EventCounts {
  static final String COLUMNS =
      "day, week, actor_id, tool, command, subcommand, ci, events, successes, failures";
  static final String ERROR_COLUMNS = "day, actor_id, tool, error_type, events";

  private record Key(String day, String actor, String command, String subcommand, boolean ci) {}

  private record ErrorKey(String day, String actor, String tool, String errorType) {}

  private final Map<Key, long[]> counts = new HashMap<>();
  private final Map<ErrorKey, long[]> errors = new HashMap<>();

  void add(Event e) {
    String day = DerivedRows.day(e.timestamp());
    String sub = String.join(" ", Commands.subcommand(e));
    long[] c =
        counts.computeIfAbsent(
            new Key(day, e.actorId(), Commands.display(e), sub, e.ciDetected()), k -> new long[3]);
    c[0]++;
    if (e.exitCode() == 0) {
      c[1]++;
    } else if (Exit.isFailure(e.exitCode())) {
      c[2]++;
    }
    if (e.errorType() != null && !e.errorType().isEmpty()) {
      errors
          .computeIfAbsent(
              new ErrorKey(day, e.actorId(), Commands.tool(e), e.errorType()), k -> new long[1])[
          0]++;
    }
  }

  void writeTo(RowWriter events, RowWriter errorRows) throws SQLException {
    for (Map.Entry<Key, long[]> entry : counts.entrySet()) {
      Key k = entry.getKey();
      long[] c = entry.getValue();
      events.add(
          k.day(),
          IsoWeeks.of(java.time.LocalDate.parse(k.day())),
          k.actor(),
          DerivedRows.firstWord(k.command()),
          k.command(),
          k.subcommand(),
          k.ci(),
          c[0],
          c[1],
          c[2]);
    }
    for (Map.Entry<ErrorKey, long[]> entry : errors.entrySet()) {
      ErrorKey k = entry.getKey();
      errorRows.add(k.day(), k.actor(), k.tool(), k.errorType(), entry.getValue()[0]);
    }
    counts.clear();
    errors.clear();
  }
}
