package dev.clianalytics.cli;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.CommandRun;
import dev.clianalytics.client.TelemetrySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code exec} may learn from a program's argv (docs/privacy.md): argv alone cannot tell a
 * subcommand from a positional word, so for tools it does not know it keeps the tool and at most
 * its first subcommand, plus option names without values. The privacy rules then cut and filter
 * further before anything is sent.
 */
final class ExecArgv {
  private static final Pattern PLAIN_WORD = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  private ExecArgv() {}

  /** The {@code --tool} value when it is not blank, else the tool name from CMD. */
  static String toolName(String tool, String cmd) {
    return tool != null && !tool.isBlank() ? tool : toolName(cmd);
  }

  /**
   * The telemetry of one wrapped run: the tool's own variables (TERRAFORM_TELEMETRY, ...) apply,
   * and no runtime is reported, since this JVM is not CMD's runtime. The JVM's {@code exec} and the
   * launcher's recorder both start it here, so that both send the same event.
   */
  static CliAnalytics telemetry(
      String tool, String cmd, boolean analytics, Map<String, String> env) {
    String name = toolName(tool, cmd);
    if (name.isBlank()) {
      name = "unknown"; // CMD "" still runs (and fails as a shell would)
    }
    return CliAnalytics.start(
        TelemetrySettings.builder(name, null).withoutRuntime().build(),
        analytics ? List.of("--analytics") : List.of(),
        env);
  }

  /** The tool name from CMD: its file name, without a Windows launcher extension. */
  static String toolName(String cmd) {
    Path file = Path.of(cmd).getFileName();
    String name = file == null ? cmd : file.toString();
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : List.of(".exe", ".cmd", ".bat")) {
      if (lower.endsWith(ext)) {
        return name.substring(0, name.length() - ext.length());
      }
    }
    return name;
  }

  /** The run of {@code argv} (CMD first) that ended with {@code exitCode}, names only. */
  static CommandRun run(List<String> argv, int exitCode) {
    List<String> args = argv.subList(1, argv.size());
    String[] subcommand =
        !args.isEmpty() && PLAIN_WORD.matcher(args.get(0)).matches()
            ? new String[] {args.get(0)}
            : new String[0];
    return CommandRun.of(exitCode, subcommand).withFlags(flagNames(args));
  }

  /** Option names before a {@code --} separator, with any {@code =value} cut off. */
  static List<String> flagNames(List<String> args) {
    List<String> names = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.length() > 1 && arg.startsWith("-")) {
        int eq = arg.indexOf('=');
        names.add(eq < 0 ? arg : arg.substring(0, eq));
      }
    }
    return names;
  }
}
