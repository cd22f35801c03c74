package dev.clianalytics.server.report;

import java.util.Comparator;

/** Semantic-version order: numeric parts compared as numbers, other parts as text. */
final class Versions {
  private Versions() {}

  static final Comparator<String> ORDER = Versions::compare;

  static int compare(String a, String b) {
    String[] x = a.split("[.+-]");
    String[] y = b.split("[.+-]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = part(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return x.length != y.length ? Integer.compare(x.length, y.length) : a.compareTo(b);
  }

  private static int part(String a, String b) {
    boolean an = a.matches("\\d{1,18}");
    boolean bn = b.matches("\\d{1,18}");
    if (an && bn) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    return an != bn ? (an ? 1 : -1) : a.compareTo(b);
  }
}
