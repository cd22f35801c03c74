package dev.clianalytics.cli;

import dev.clianalytics.client.CliAnalytics;
import java.util.List;

/**
 * Starts {@code exec}'s telemetry as the JVM starts, before picocli builds the command tree, so
 * that the sender connects and prepares the privacy rules while the command line is parsed and CMD
 * runs; at exit only the request itself is left. The arguments are read the way {@code exec}
 * declares them; when picocli later reads them differently (or fails), the early client is closed
 * unused and {@code exec} starts its own.
 */
final class EarlyTelemetry {
  private static CliAnalytics started;
  private static String startedTool;
  private static boolean startedWithFlag;

  private EarlyTelemetry() {}

  /** Starts telemetry when {@code args} are an {@code exec} invocation with a CMD. */
  static synchronized void startFor(String[] args) {
    if (args.length < 2 || !args[0].equals("exec")) {
      return;
    }
    String tool = null;
    boolean flag = false;
    int i = 1;
    for (; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        i++;
        break;
      } else if (arg.equals("--analytics")) {
        flag = true;
      } else if (arg.equals("--tool") && i + 1 < args.length) {
        tool = args[++i];
      } else if (arg.startsWith("--tool=")) {
        tool = arg.substring("--tool=".length());
      } else if (arg.startsWith("-")) {
        return; // --help, --version or a usage error: nothing will be recorded
      } else {
        break;
      }
    }
    if (i >= args.length) {
      return;
    }
    String toolName = tool != null && !tool.isBlank() ? tool : ExecArgv.toolName(args[i]);
    started = start(toolName, flag);
    startedTool = toolName;
    startedWithFlag = flag;
  }

  /**
   * The telemetry for this exec run: the early one when it was started for the same tool and flag,
   * otherwise a fresh one.
   */
  static synchronized CliAnalytics take(String toolName, boolean analyticsFlag) {
    CliAnalytics early = started;
    started = null;
    if (early != null && toolName.equals(startedTool) && analyticsFlag == startedWithFlag) {
      return early;
    }
    if (early != null) {
      early.close();
    }
    return start(toolName, analyticsFlag);
  }

  private static CliAnalytics start(String toolName, boolean analyticsFlag) {
    return CliAnalytics.start(
        toolName, null, analyticsFlag ? List.of("--analytics") : List.of(), System.getenv());
  }
}
