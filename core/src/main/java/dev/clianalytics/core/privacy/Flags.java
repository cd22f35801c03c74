package dev.clianalytics.core.privacy;

import java.util.List;

/** Placeholder until the flag rules land; see issue 2. */
final class Flags {
  private Flags() {}

  static List<String> sanitize(List<String> flags) {
    return List.of();
  }
}
