package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineSanitizerTest {
  private final LineSanitizer sanitizer = new LineSanitizer();

  @Test
  void validEvent_printsWhatTheClientWouldSend() {
    String line =
        "{\"timestamp\":\"2026-01-20T10:00:00Z\",\"tool_name\":\"git\",\"command_path\":"
            + "[\"git\",\"checkout\",\"feature/login\"],\"exit_code\":1,\"actor_id\":\"alice\","
            + "\"flags_present\":[\"--force\",\"--token=x\"],\"error_message\":"
            + "\"error: pathspec did not match /home/alice/repo\",\"unknown\":\"dropped\"}";
    LineSanitizer.Result r = sanitizer.sanitize(line, 1);
    assertTrue(r.valid());
    assertEquals(
        "{\"timestamp\":\"2026-01-20T10:00:00Z\",\"tool_name\":\"git\",\"command_path\":"
            + "[\"git\",\"checkout\"],\"flags_present\":[\"--force\"],\"exit_code\":1,"
            + "\"error_message\":\"error: pathspec did not match <path>\",\"actor_id\":"
            + "\"2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90\","
            + "\"ci_detected\":false}",
        r.json());
  }

  @Test
  void invalidEvent_printsLineNumberAndFieldErrors() {
    LineSanitizer.Result r = sanitizer.sanitize("{\"tool_name\":\"git\",\"exit_code\":\"1\"}", 7);
    assertFalse(r.valid());
    assertTrue(r.json().startsWith("{\"line\":7,\"errors\":[{\"field\":\"timestamp\""), r.json());
    assertTrue(r.json().contains("{\"field\":\"exit_code\",\"message\":"), r.json());
  }

  @Test
  void unparsableLine_isAnErrorLine() {
    LineSanitizer.Result r = sanitizer.sanitize("{not json", 3);
    assertFalse(r.valid());
    assertTrue(
        r.json().startsWith("{\"line\":3,\"errors\":[{\"field\":\"\",\"message\":\"invalid JSON"));
  }
}
