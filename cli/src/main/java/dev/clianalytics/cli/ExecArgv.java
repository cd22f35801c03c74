package dev.clianalytics.cli;

import dev.clianalytics.client.CommandRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
