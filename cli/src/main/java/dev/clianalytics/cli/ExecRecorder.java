package dev.clianalytics.cli;

import dev.clianalytics.client.CliAnalytics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cli-analytics __record-exec}, hidden: records one run that the launcher's {@code exec}
 * already ran without a JVM (docs/exec.md). The launcher starts it detached, after the user has the
 * prompt back, and writes the run to its standard input, never to its arguments or environment, so
 * no raw argument shows in the process list: NUL-terminated fields {@code 1} (the format), exit
 * code, duration in microseconds, end time in microseconds since the epoch, {@code 1} or empty for
 * {@code --analytics}, the {@code --tool} value or empty, then CMD and its arguments. The event is
 * the one {@link ExecCommand} would have recorded: same opt-in rules, same names-only reading of
 * argv, same privacy filters; it is sent or spooled like any other.
 */
final class ExecRecorder {
  static final String COMMAND = "__record-exec";

  /** More than the launcher ever writes (it sends only names beyond 60 000 characters). */
  private static final int MAX_INPUT = 4 << 20;

  private ExecRecorder() {}

  /** Exits 0 having recorded the run, 1 when the input is not a run; prints nothing. */
  static int run(InputStream in, Map<String, String> env) {
    ExecRun run;
    try {
      run = parse(in.readNBytes(MAX_INPUT));
    } catch (IOException | RuntimeException e) {
      return 1;
    }
    if (run == null) {
      return 1;
    }
    CliAnalytics telemetry =
        ExecArgv.telemetry(run.tool(), run.command().get(0), run.analytics(), env);
    try {
      telemetry.recordEvent(
          ExecArgv.run(run.command(), run.exitCode()).withDuration(run.duration()),
          run.finishedAt());
    } finally {
      telemetry.close();
    }
    return 0;
  }

  /**
   * A run handed over by the launcher.
   *
   * @param exitCode CMD's exit status, 128+n for signal n
   * @param duration how long CMD ran
   * @param finishedAt when it ended
   * @param analytics whether {@code --analytics} was given
   * @param tool the {@code --tool} value, or null
   * @param command CMD and its arguments
   */
  record ExecRun(
      int exitCode,
      Duration duration,
      Instant finishedAt,
      boolean analytics,
      String tool,
      List<String> command) {}

  /** The run in {@code input}, or null when it is not one in the launcher's format. */
  static ExecRun parse(byte[] input) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < input.length; i++) {
      if (input[i] == 0) {
        fields.add(new String(input, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (fields.size() < 7 || !fields.get(0).equals("1")) {
      return null;
    }
    try {
      long tookMicros = Long.parseLong(fields.get(2));
      long endMicros = Long.parseLong(fields.get(3));
      return new ExecRun(
          Integer.parseInt(fields.get(1)),
          Duration.ofNanos(Math.max(0, tookMicros) * 1000),
          Instant.EPOCH.plusNanos(endMicros * 1000),
          !fields.get(4).isEmpty(),
          fields.get(5).isEmpty() ? null : fields.get(5),
          List.copyOf(fields.subList(6, fields.size())));
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
