package dev.clianalytics.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** What a benchmark printed: its lines, and the figures of its last line (one JSON object). */
record Printed(List<String> lines) {
  /** A benchmark's run, which prints to {@code System.out}. */
  interface BenchRun {
    void run() throws Exception;
  }

  /** Runs {@code bench} with {@code System.out} captured. */
  static Printed by(BenchRun bench) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(captured, true, UTF_8));
    try {
      bench.run();
    } finally {
      System.setOut(stdout);
    }
    return new Printed(captured.toString(UTF_8).lines().toList());
  }

  /** Fails unless some line starts with {@code prefix}. */
  void assertLineStartingWith(String prefix) {
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix)), prefix + " in " + lines);
  }

  /** The last line, read as the benchmark's JSON figures. */
  @SuppressWarnings("unchecked")
  Map<String, Object> figures() {
    return (Map<String, Object>) Json.parse(lines.getLast());
  }
}
