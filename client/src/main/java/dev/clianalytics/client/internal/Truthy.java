package dev.clianalytics.client.internal;

import java.util.Locale;
import java.util.Set;

/** The truthy and falsy spellings of boolean environment variables: 1/true/yes/on, any case. */
final class Truthy {
  private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");
  private static final Set<String> FALSE = Set.of("0", "false", "no", "off");

  private Truthy() {}

  static boolean isTruthy(String value) {
    return value != null && TRUE.contains(value.trim().toLowerCase(Locale.ROOT));
  }

  static boolean isFalsy(String value) {
    return value != null && FALSE.contains(value.trim().toLowerCase(Locale.ROOT));
  }
}
