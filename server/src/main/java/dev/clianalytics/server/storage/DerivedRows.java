package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.SessionResult;
import dev.clianalytics.core.nsm.IsoWeeks;
import dev.clianalytics.core.recovery.RecoveryCount;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.workflow.Commands;
import dev.clianalytics.core.workflow.WorkflowInstance;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns one session's results into rows of the derived tables, in their column order. */
final class DerivedRows {
  static final String SESSIONS =
      "session_id, actor_id, hint, start_us, end_us, is_open, start_day, events, ci, tools,"
          + " path_depth, path_trail";
  static final String RUNS =
      "instance_id, session_id, actor_id, workflow, tool, category, auto, start_us, end_us,"
          + " start_day, week, duration_ms, outcome, events, goal_attempts,"
          + " failures_before_success, error_types, tool_version, ci";
  static final String RECOVERY =
      "session_id, actor_id, start_day, tool, command, failures, recovered, next_commands,"
          + " recovery_ms";

  /** The tables holding rows per session, deleted together when a session is recomputed. */
  static final String[] PER_SESSION = {"sessions", "workflow_runs", "session_recovery"};

  private DerivedRows() {}

  /** The writers of one inference, one per table. */
  record Writers(RowWriter sessions, RowWriter runs, RowWriter recovery) {}

  static void write(SessionResult result, Writers w) throws SQLException {
    Session s = result.session();
    String day = day(s.start());
    w.sessions()
        .add(
            s.id(),
            s.actorId(),
            Objects.toString(s.sessionHint(), ""),
            micros(s.start()),
            micros(s.end()),
            s.open(),
            day,
            s.events().size(),
            s.events().stream().anyMatch(Event::ciDetected),
            tools(s),
            result.pathDepth(),
            PathTrail.of(s));
    for (WorkflowInstance i : result.instances()) {
      w.runs().add(run(i));
    }
    for (RecoveryCount r : result.recovery()) {
      w.recovery()
          .add(
              s.id(),
              s.actorId(),
              day,
              firstWord(r.command()),
              r.command(),
              (int) r.failures(),
              (int) r.recovered(),
              nextCommands(r),
              r.recoveryMillis().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
  }

  private static Object[] run(WorkflowInstance i) {
    return new Object[] {
      i.id(),
      i.sessionId(),
      i.actorId(),
      i.workflow(),
      i.tool(),
      i.category().json(),
      i.auto(),
      micros(i.start()),
      micros(i.end()),
      day(i.start()),
      IsoWeeks.of(i.start()),
      i.durationMs(),
      i.outcome().name(),
      i.eventCount(),
      i.goalAttempts(),
      i.failuresBeforeSuccess(),
      String.join("\n", i.errorTypes()),
      Objects.toString(i.toolVersion(), ""),
      i.ci()
    };
  }

  private static String nextCommands(RecoveryCount r) {
    StringBuilder out = new StringBuilder();
    r.nextCommands()
        .forEach((command, n) -> out.append(command).append('\t').append(n).append('\n'));
    return out.toString();
  }

  private static String tools(Session s) {
    TreeSet<String> tools = new TreeSet<>();
    s.events().forEach(e -> tools.add(Commands.tool(e)));
    return " " + String.join(" ", tools) + " ";
  }

  static String lastTool(String sequence) {
    int last = sequence.lastIndexOf(" > ");
    return firstWord(last < 0 ? sequence : sequence.substring(last + 3));
  }

  static String firstWord(String command) {
    int space = command.indexOf(' ');
    return space < 0 ? command : command.substring(0, space);
  }

  static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  static String day(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
  }
}
