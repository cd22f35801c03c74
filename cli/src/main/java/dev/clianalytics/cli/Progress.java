package dev.clianalytics.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on standard error, shown only when a terminal is attached so that logs
 * and pipes stay clean.
 */
final class Progress {
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final String label;
  private final long total;
  private long done;
  private int lastPercent = -1;

  private Progress(PrintStream err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = total;
  }

  static Progress onTerminal(String label, long total) {
    return System.console() != null && total > 0 ? new Progress(System.err, label, total) : none();
  }

  static Progress none() {
    return new Progress(null, "", 0);
  }

  void step() {
    advance(1);
  }

  void advance(long n) {
    if (err == null) {
      return;
    }
    done += n;
    int percent = (int) Math.min(100, done * 100 / total);
    if (percent != lastPercent) {
      lastPercent = percent;
      int filled = percent * WIDTH / 100;
      err.print(
          "\r"
              + label
              + " ["
              + "#".repeat(filled)
              + " ".repeat(WIDTH - filled)
              + "] "
              + percent
              + "%");
      err.flush();
    }
  }

  void done() {
    if (err != null) {
      err.print("\r" + " ".repeat(label.length() + WIDTH + 10) + "\r");
      err.flush();
    }
  }
}
