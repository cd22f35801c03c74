package dev.clianalytics.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Looks for forbidden values (planted secrets, raw identifiers) in every text that leaves a
 * component, and remembers where each was found. The report names the source and the forbidden
 * value's position in the list, so a failing run does not print secrets of its own making twice.
 */
final class Leaks {
  private final List<String> forbidden;
  private final Set<String> found = new LinkedHashSet<>();
  private long textsScanned;
  private long charsScanned;

  Leaks(Collection<String> forbidden) {
    this.forbidden = List.copyOf(forbidden);
  }

  /** Scans one text from {@code source}. */
  void scan(String source, String text) {
    textsScanned++;
    charsScanned += text.length();
    for (int i = 0; i < forbidden.size(); i++) {
      String value = forbidden.get(i);
      if (text.contains(value)) {
        found.add(source + " holds forbidden value #" + i + " (" + abbreviate(value) + ")");
      }
    }
  }

  List<String> found() {
    return new ArrayList<>(found);
  }

  long textsScanned() {
    return textsScanned;
  }

  long charsScanned() {
    return charsScanned;
  }

  private static String abbreviate(String value) {
    return value.length() <= 12 ? value : value.substring(0, 12) + "...";
  }
}
