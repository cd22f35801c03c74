package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cli-analytics sanitize} through {@link Main#run}, with standard streams redirected. */
class SanitizeCommandTest {
  private static final String VALID =
      "{\"timestamp\":\"2026-01-20T10:00:00Z\",\"tool_name\":\"Git\",\"command_path\":[\"git\","
          + "\"push\",\"origin\"],\"exit_code\":128,\"actor_id\":\"alice@example.com\","
          + "\"machine_id\":\"alice-laptop\",\"flags_present\":[\"--force\",\"--token=ghp_x\"],"
          + "\"error_message\":\"fatal: Authentication failed for "
          + "'https://alice:hunter2@github.com/acme/app.git/'\",\"password\":\"hunter2\"}";
  private static final String INVALID = "{\"tool_name\":\"git\",\"exit_code\":\"one\"}";

  /** What one run printed and returned. */
  private record Run(int exitCode, List<String> out, String err) {}

  private static synchronized Run run(String stdin, String... args) {
    InputStream oldIn = System.in;
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Run(
          code,
          out.toString(StandardCharsets.UTF_8).lines().toList(),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void sanitize_validEvent_printsWhatTheClientWouldSendAndExitsZero() {
    Run r = run(VALID + "\n", "sanitize");
    assertEquals(0, r.exitCode());
    assertEquals(1, r.out().size());
    String line = r.out().get(0);
    assertTrue(line.contains("\"command_path\":[\"git\",\"push\",\"origin\"]"), line);
    assertTrue(line.contains("\"flags_present\":[\"--force\"]"), line);
    assertTrue(
        line.contains("\"error_message\":\"fatal: Authentication failed for '<url>'\""), line);
    // SHA-256 of the raw identifiers: the form the client sends.
    assertTrue(
        line.contains(
            "\"actor_id\":\"ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976\""),
        line);
    assertFalse(
        line.contains("hunter2") || line.contains("alice") || line.contains("password"), line);
  }

  @Test
  void sanitize_printsOneLinePerInputLine_withErrorLinesForInvalidEvents() {
    Run r = run(VALID + "\n" + INVALID + "\n\n" + VALID + "\n", "sanitize", "-");
    assertEquals(4, r.out().size());
    assertTrue(r.out().get(0).startsWith("{\"timestamp\":"), r.out().get(0));
    assertTrue(r.out().get(1).startsWith("{\"line\":2,\"errors\":[{\"field\":"), r.out().get(1));
    assertTrue(r.out().get(1).contains("\"field\":\"exit_code\""), r.out().get(1));
    assertTrue(r.out().get(2).startsWith("{\"line\":3,\"errors\":["), r.out().get(2));
    assertTrue(r.out().get(3).startsWith("{\"timestamp\":"), r.out().get(3));
    assertEquals(1, r.exitCode());
  }

  @Test
  void sanitize_readsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, VALID + "\n" + VALID + "\n");
    Run r = run("", "sanitize", file.toString());
    assertEquals(0, r.exitCode());
    assertEquals(2, r.out().size());
  }

  @Test
  void sanitize_missingFile_failsWithOneLineNamingIt() {
    Run r = run("", "sanitize", "/nonexistent/events.jsonl");
    assertEquals(1, r.exitCode());
    assertEquals("error: no such file: /nonexistent/events.jsonl", r.err().strip());
    assertEquals(List.of(), r.out());
  }

  @Test
  void sanitize_tooManyArguments_isAUsageError() {
    assertEquals(2, run("", "sanitize", "a.jsonl", "b.jsonl").exitCode());
  }
}
