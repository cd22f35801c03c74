package dev.clianalytics.cli;

import java.util.Arrays;
import java.util.List;

/**
 * A plain {@code exec} invocation read without picocli: {@code exec [--tool NAME] [--analytics]
 * [--] CMD [ARGS...]}. Building picocli's model of every subcommand costs a wrapper that should be
 * invisible a few hundred milliseconds per run; anything else ({@code --help}, {@code --version},
 * {@code @argument-files}, a usage error) is left to picocli.
 *
 * @param tool the {@code --tool} value, or null
 * @param analytics whether {@code --analytics} was given
 * @param command CMD and its arguments
 */
record ExecInvocation(String tool, boolean analytics, List<String> command) {

  /** The invocation, or null when {@code args} are not a plain {@code exec} with a CMD. */
  static ExecInvocation parse(String[] args) {
    if (args.length < 2 || !args[0].equals("exec")) {
      return null;
    }
    for (String arg : args) {
      if (arg.startsWith("@")) {
        return null; // picocli expands argument files
      }
    }
    String tool = null;
    boolean analytics = false;
    int i = 1;
    for (; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        i++;
        break;
      } else if (arg.equals("--analytics")) {
        analytics = true;
      } else if (arg.equals("--tool") && i + 1 < args.length && !args[i + 1].startsWith("-")) {
        tool = args[++i];
      } else if (arg.startsWith("--tool=")) {
        tool = arg.substring("--tool=".length());
      } else if (arg.startsWith("-")) {
        return null;
      } else {
        break;
      }
    }
    if (i >= args.length) {
      return null;
    }
    return new ExecInvocation(tool, analytics, Arrays.asList(args).subList(i, args.length));
  }

  /** Runs it as picocli would have run {@link ExecCommand}. */
  int run() {
    ExecCommand exec = new ExecCommand();
    exec.tool = tool;
    exec.analytics = analytics;
    exec.command = command;
    try {
      return exec.call();
    } catch (RuntimeException e) {
      System.err.println("error: " + Errors.oneLine(e));
      return 1;
    }
  }
}
