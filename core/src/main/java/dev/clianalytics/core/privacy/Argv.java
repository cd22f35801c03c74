package dev.clianalytics.core.privacy;

import dev.clianalytics.core.event.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A command path and flag names derived from a raw argv, for instrumenting programs whose parser we
 * cannot see ({@code cli-analytics exec}). Positional arguments that look like words cannot be told
 * from subcommands, so the path keeps the tool and at most {@code depth} leading positional words,
 * stopping at the first flag; both parts already obey the privacy rules.
 *
 * @param commandPath the tool and its subcommands, cut by the command-path rule
 * @param flags the flag names present, sanitized, de-duplicated and sorted
 */
public record Argv(List<String> commandPath, List<String> flags) {
  /** The depth {@code exec} uses for tools it does not know: the tool and one subcommand. */
  public static final int DEFAULT_DEPTH = 1;

  public Argv {
    commandPath = List.copyOf(commandPath);
    flags = List.copyOf(flags);
    if (commandPath.isEmpty()) {
      throw new IllegalArgumentException("commandPath must contain at least the tool");
    }
  }

  /** {@link #parse(List, int)} with {@link #DEFAULT_DEPTH}. */
  public static Argv parse(List<String> argv) {
    return parse(argv, DEFAULT_DEPTH);
  }

  /**
   * Derives the path and flags from {@code argv} (element 0 is the program). {@code depth} is how
   * many subcommand levels to keep after the tool, from 0 to 5.
   */
  public static Argv parse(List<String> argv, int depth) {
    Objects.requireNonNull(argv, "argv");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must contain at least the program name");
    }
    if (depth < 0 || depth > Limits.PATH_ELEMENTS - 1) {
      throw new IllegalArgumentException(
          "depth must be between 0 and " + (Limits.PATH_ELEMENTS - 1) + ", was " + depth);
    }
    List<String> positional = new ArrayList<>(depth + 1);
    positional.add(argv.get(0));
    List<String> flags = new ArrayList<>();
    boolean inLeadingWords = true;
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("--")) {
        break;
      }
      if (arg.length() > 1 && arg.charAt(0) == '-') {
        flags.add(arg);
        inLeadingWords = false;
      } else if (inLeadingWords && positional.size() <= depth) {
        positional.add(arg);
      } else {
        inLeadingWords = false;
      }
    }
    return new Argv(CommandPaths.cut(positional), Flags.sanitize(flags));
  }
}
