package dev.clianalytics.cli;

/** Says that a command is listed but not yet part of this build, and exits 1. */
final class Pending {
  private Pending() {}

  static int notYet(String command, int issue) {
    System.err.println(
        "cli-analytics "
            + command
            + " is not available in this build yet (tracked in issue "
            + issue
            + ")");
    return 1;
  }
}
