package dev.clianalytics.core.privacy;

import java.util.List;

/** Placeholder until the command-path rules land; see issue 2. */
final class CommandPaths {
  private CommandPaths() {}

  static List<String> cut(List<String> path) {
    return path.subList(0, 1);
  }
}
