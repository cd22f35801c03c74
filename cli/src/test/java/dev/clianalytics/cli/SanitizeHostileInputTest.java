package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.privacy.FrameworkErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cli-analytics sanitize} end to end on the framework error corpus ({@code
 * core/src/test/resources/privacy/framework-errors.tsv}) and on hostile text: no secret value
 * survives, the frameworks' words do, and every input line gets its output line.
 */
class SanitizeHostileInputTest {
  private static String event(String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("timestamp", "2026-01-20T10:00:00Z");
    e.put("tool_name", "acme");
    e.put("command_path", List.of("acme", "login"));
    e.put("exit_code", 2);
    e.put("actor_id", "alice@example.com");
    e.put("error_type", "UsageError");
    e.put("error_message", message);
    return Json.write(e);
  }

  private record Run(int exitCode, List<String> out, String err) {}

  private static synchronized Run sanitize(Path file) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(new String[] {"sanitize", file.toString()});
      return new Run(
          code,
          out.toString(StandardCharsets.UTF_8).lines().toList(),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void frameworkCorpus_noValueSurvives_andTheFrameworkWordsDo(@TempDir Path dir)
      throws IOException {
    List<FrameworkErrors.Case> cases = FrameworkErrors.corpus();
    assertTrue(cases.size() >= 120, "cases: " + cases.size());
    StringBuilder lines = new StringBuilder();
    for (FrameworkErrors.Case c : cases) {
      lines.append(event(c.message())).append('\n');
    }
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, lines);
    Run r = sanitize(file);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(cases.size(), r.out().size());
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      String sent = r.out().get(i);
      String message = (String) ((Map<?, ?>) Json.parse(sent)).get("error_message");
      problems.addAll(FrameworkErrors.problems(cases.get(i), sent, message));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void hostileLines_eachGetTheirOwnLine_andNothingElseIsLost(@TempDir Path dir) throws IOException {
    List<String> input =
        List.of(
            event("bad config: " + "name=".repeat(100_000) + "hunter2"),
            event("x".repeat(10) + "a@sha256:".repeat(20_000)),
            event("user=a;".repeat(30_000)),
            "[".repeat(100_000),
            "{\"error_message\": \"" + "\\\"".repeat(50_000) + "\"}",
            event("deploy failed: token expired"));
    Path file = dir.resolve("hostile.jsonl");
    Files.writeString(file, String.join("\n", input) + "\n");
    Run r = sanitize(file);
    assertEquals(1, r.exitCode(), "some lines are not valid events");
    assertEquals(input.size(), r.out().size());
    assertFalse(r.out().get(0).contains("hunter2"));
    assertTrue(r.out().get(3).startsWith("{\"line\":4,\"errors\""), r.out().get(3));
    assertTrue(r.out().get(5).contains("\"error_message\":\"deploy failed: token expired\""));
    assertFalse(r.err().contains("Exception") || r.err().contains("Error"), r.err());
  }
}
