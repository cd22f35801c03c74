package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's hand-over format, read by {@code __record-exec} (docs/exec.md). */
class ExecRecorderTest {
  static byte[] input(String... fields) {
    StringBuilder b = new StringBuilder();
    for (String f : fields) {
      b.append(f).append('\0');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void parse_readsEveryField() {
    ExecRecorder.ExecRun run =
        ExecRecorder.parse(
            input(
                "1", "130", "1500", "1733300000123456", "1", "mytool", "git", "commit", "-m", ""));
    assertEquals(130, run.exitCode());
    assertEquals(Duration.ofNanos(1_500_000), run.duration());
    assertEquals(Instant.parse("2024-12-04T08:13:20.123456Z"), run.finishedAt());
    assertEquals(true, run.analytics());
    assertEquals("mytool", run.tool());
    assertEquals(List.of("git", "commit", "-m", ""), run.command());
  }

  @Test
  void parse_emptyToolAndFlag_areAbsent() {
    ExecRecorder.ExecRun run = ExecRecorder.parse(input("1", "0", "10", "1000", "", "", "true"));
    assertEquals(false, run.analytics());
    assertNull(run.tool());
    assertEquals(List.of("true"), run.command());
  }

  @Test
  void parse_somethingElse_isNotARun() {
    assertNull(ExecRecorder.parse(new byte[0]));
    assertNull(ExecRecorder.parse(input("2", "0", "10", "1000", "", "", "true")));
    assertNull(ExecRecorder.parse(input("1", "x", "10", "1000", "", "", "true")));
    assertNull(ExecRecorder.parse(input("1", "0", "10", "1000", "", "")));
    assertNull(
        ExecRecorder.parse(
            "1\u00000\u000010\u00001000\u0000\u0000\u0000true".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void run_garbageInput_exitsOneAndRecordsNothing() {
    assertEquals(
        1,
        ExecRecorder.run(
            new ByteArrayInputStream("git commit".getBytes(StandardCharsets.UTF_8)), Map.of()));
  }
}
