package dev.clianalytics.server.storage.derived;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.SessionResult;
import dev.clianalytics.core.recovery.RecoveryCount;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.workflow.Commands;
import dev.clianalytics.core.workflow.WorkflowInstance;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns one session's results into rows of the derived tables, in their column order. */
public final class DerivedRows {
  public static final String SESSIONS =
      "session_id, actor_id, hint, start_us, end_us, is_open, start_day, events, ci, tools,"
          + " path_depth, path_trail";
  public static final String RUNS =
      "instance_id, session_id, actor_id, workflow, tool, category, auto, start_us, end_us,"
          + " start_day, week, duration_ms, outcome, events, goal_attempts,"
          + " failures_before_success, error_types, tool_version, ci";
  public static final String RECOVERY =
      "session_id, actor_id, start_day, tool, command, failures, recovered, next_commands,"
          + " recovery_ms";

  /** The tables holding rows per session, deleted together when a session is recomputed. */
  public static final List<String> PER_SESSION =
      List.of("sessions", "workflow_runs", "session_recovery");

  private DerivedRows() {}

  /** The writers of one inference, one per table. */
  public record Writers(RowWriter sessions, RowWriter runs, RowWriter recovery) {}

  public static void write(SessionResult result, Writers w) throws SQLException {
    Session s = result.session();
    String day = day(s.start());
    w.sessions()
        .text(s.id())
        .text(s.actorId())
        .text(Objects.toString(s.sessionHint(), ""))
        .int64(micros(s.start()))
        .int64(micros(s.end()))
        .bool(s.open())
        .text(day)
        .int32(s.events().size())
        .bool(anyCi(s))
        .text(tools(s))
        .int32(result.pathDepth())
        .text(PathTrail.of(s))
        .endRow();
    for (WorkflowInstance i : result.instances()) {
      run(i, w.runs());
    }
    for (RecoveryCount r : result.recovery()) {
      w.recovery()
          .text(s.id())
          .text(s.actorId())
          .text(day)
          .text(firstWord(r.command()))
          .text(r.command())
          .int32((int) r.failures())
          .int32((int) r.recovered())
          .text(nextCommands(r))
          .text(r.recoveryMillis().stream().map(String::valueOf).collect(Collectors.joining(",")))
          .endRow();
    }
  }

  private static void run(WorkflowInstance i, RowWriter w) throws SQLException {
    w.text(i.id())
        .text(i.sessionId())
        .text(i.actorId())
        .text(i.workflow())
        .text(i.tool())
        .text(i.category().json())
        .bool(i.auto())
        .int64(micros(i.start()))
        .int64(micros(i.end()))
        .text(day(i.start()))
        .text(Days.week(i.start()))
        .int64(i.durationMs())
        .text(i.outcome().name())
        .int32(i.eventCount())
        .int32(i.goalAttempts())
        .int32(i.failuresBeforeSuccess())
        .text(lines(i.errorTypes()))
        .text(Objects.toString(i.toolVersion(), ""))
        .bool(i.ci())
        .endRow();
  }

  // String.join's result, without its copy for the common none or one
  private static String lines(List<String> values) {
    return switch (values.size()) {
      case 0 -> "";
      case 1 -> values.get(0);
      default -> String.join("\n", values);
    };
  }

  private static boolean anyCi(Session s) {
    for (Event e : s.events()) {
      if (e.ciDetected()) {
        return true;
      }
    }
    return false;
  }

  private static String nextCommands(RecoveryCount r) {
    StringBuilder out = new StringBuilder();
    r.nextCommands()
        .forEach((command, n) -> out.append(command).append('\t').append(n).append('\n'));
    return out.toString();
  }

  private static String tools(Session s) {
    String first = Commands.tool(s.events().getFirst());
    boolean one = true;
    for (Event e : s.events()) {
      one &= Commands.tool(e).equals(first);
    }
    if (one) {
      return " " + first + " "; // most sessions use one tool
    }
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

  public static long micros(Instant t) {
    // what ChronoUnit.MICROS.between(Instant.EPOCH, t) gives, without its dispatch
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  public static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  public static String day(Instant t) {
    return Days.day(t);
  }
}
