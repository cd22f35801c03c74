package dev.clianalytics.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One run of one command, as a tool reports it to {@link CliAnalytics#recordEvent}. Only names
 * belong here, never argument values: the subcommand path (without the tool name) and the names of
 * the options given. The SDK adds the tool, time, ids and CI flag, and applies the privacy rules
 * before anything leaves the machine.
 *
 * @param subcommands the subcommand path after the tool name, e.g. {@code ["remote", "add"]}
 * @param flags option names such as {@code --force}; values are dropped by the privacy rules
 * @param exitCode the process exit code
 * @param duration how long the command ran, or null when unknown
 * @param errorType the failure's class or kind, e.g. {@code IOException}, or null
 * @param errorMessage a failure message; redacted (paths, secrets, addresses) before sending
 */
public record CommandRun(
    List<String> subcommands,
    List<String> flags,
    int exitCode,
    Duration duration,
    String errorType,
    String errorMessage) {

  public CommandRun {
    subcommands = List.copyOf(Objects.requireNonNull(subcommands, "subcommands"));
    flags = List.copyOf(Objects.requireNonNull(flags, "flags"));
    if (duration != null && duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + duration);
    }
  }

  /** A run of the given subcommand path that ended with {@code exitCode}. */
  public static CommandRun of(int exitCode, String... subcommands) {
    return new CommandRun(Arrays.asList(subcommands), List.of(), exitCode, null, null, null);
  }

  public CommandRun withFlags(List<String> names) {
    return new CommandRun(subcommands, names, exitCode, duration, errorType, errorMessage);
  }

  public CommandRun withFlags(String... names) {
    return withFlags(Arrays.asList(names));
  }

  public CommandRun withDuration(Duration d) {
    return new CommandRun(subcommands, flags, exitCode, d, errorType, errorMessage);
  }

  /** Records the failure's simple class name as error type and its message (redacted later). */
  public CommandRun withError(Throwable error) {
    if (error == null) {
      return new CommandRun(subcommands, flags, exitCode, duration, null, null);
    }
    return new CommandRun(
        subcommands, flags, exitCode, duration, errorTypeOf(error), error.getMessage());
  }

  public CommandRun withErrorType(String type) {
    return new CommandRun(subcommands, flags, exitCode, duration, type, errorMessage);
  }

  static String errorTypeOf(Throwable error) {
    String simple = error.getClass().getSimpleName();
    return simple.isEmpty() ? error.getClass().getName() : simple;
  }
}
