package dev.clianalytics.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Tells "not found" from "found but not executable" after a launch failed, as shells do. */
final class Executables {
  private Executables() {}

  /** Whether {@code cmd} names an existing file, directly or through {@code PATH}. */
  static boolean exists(String cmd, String pathVariable) {
    try {
      if (cmd.contains("/") || cmd.contains(File.separator)) {
        return Files.exists(Path.of(cmd));
      }
      if (pathVariable == null) {
        return false;
      }
      for (String dir : pathVariable.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.exists(Path.of(dir, cmd))) {
          return true;
        }
      }
      return false;
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
