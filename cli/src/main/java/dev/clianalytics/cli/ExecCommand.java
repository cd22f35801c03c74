package dev.clianalytics.cli;

import dev.clianalytics.client.CliAnalytics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cli-analytics exec [--tool NAME] [--analytics] -- CMD [ARGS...]}: runs any program with
 * inherited stdin, stdout and stderr, returns its exit code (128+n when signal n killed it), and
 * records the run under the opt-in rules with only the tool, first subcommand and flag names.
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = {
      "Run CMD with its arguments and record the run under the opt-in rules.",
      "Exits with CMD's exit code (128+n when killed by signal n), 127 when CMD is not found,"
          + " 126 when it cannot be executed."
    })
final class ExecCommand implements Callable<Integer> {
  @Option(
      names = "--tool",
      paramLabel = "NAME",
      description = "Tool name to record (default: the file name of CMD).")
  String tool;

  @Option(
      names = "--analytics",
      description = "Opt in for this run, as EVENTS_ENABLED=1 does (needs EVENTS_URL).")
  boolean analytics;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The program and its arguments.")
  List<String> command;

  @Override
  public Integer call() {
    CliAnalytics telemetry = ExecArgv.telemetry(tool, command.get(0), analytics, System.getenv());
    try {
      return run(telemetry);
    } finally {
      telemetry.close();
    }
  }

  private int run(CliAnalytics telemetry) {
    long start = System.nanoTime();
    Process child;
    try {
      child = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      return launchFailure();
    }
    Signals.forwardTo(child);
    int code = waitFor(child);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    telemetry.recordEvent(ExecArgv.run(command, code).withDuration(took));
    return code;
  }

  /** Like a shell: 127 with one line when CMD is not found, 126 when it cannot be executed. */
  private int launchFailure() {
    String cmd = command.get(0);
    boolean exists = Executables.exists(cmd, System.getenv("PATH"));
    System.err.println(
        "cli-analytics exec: "
            + cmd
            + (exists
                ? ": cannot execute; check that it is a program with execute permission"
                : ": command not found; check the name or PATH"));
    return exists ? 126 : 127;
  }

  /** Waits for the child however often this thread is interrupted: its code is our code. */
  private static int waitFor(Process child) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return child.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
