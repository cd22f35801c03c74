package dev.clianalytics.cli;

/** How numbers read in terminal output: counts with separators, rates as %, durations humanized. */
final class Format {
  private Format() {}

  static String count(Object n) {
    return n instanceof Number num ? String.format("%,d", num.longValue()) : "-";
  }

  static String percent(Object rate) {
    return rate instanceof Number r ? String.format("%.1f%%", r.doubleValue() * 100) : "-";
  }

  static String decimal(Object n) {
    return n instanceof Number num ? String.format("%.2f", num.doubleValue()) : "-";
  }

  /** 850 ms, 12.3 s, 4m 05s, 2h 10m. */
  static String duration(Object millis) {
    if (!(millis instanceof Number n)) {
      return "-";
    }
    long ms = n.longValue();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format("%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return String.format("%dm %02ds", s / 60, s % 60);
    }
    return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
  }
}
