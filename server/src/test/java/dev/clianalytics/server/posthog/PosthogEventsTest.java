package dev.clianalytics.server.posthog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default mapping table of docs/posthog.md, one row at a time. */
class PosthogEventsTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private final PosthogEvents events = new PosthogEvents(PosthogMapping.defaultMapping());

  private Map<String, Object> run(Map<String, Object> props) {
    var mapped = events.map(Map.of("event", "cli_command", "properties", props), null, NOW);
    return assertInstanceOf(PosthogEvents.Run.class, mapped).item();
  }

  @Test
  void eventWithACommandButNoOutcome_isNotACommandRun() {
    assertInstanceOf(
        PosthogEvents.Dropped.class,
        events.map(Map.of("event", "x", "properties", Map.of("command", "a")), null, NOW));
  }

  @Test
  void commandString_isSplitOnSpacesAndColons_withTheToolFirst() {
    assertEquals(
        List.of("owox", "data-marts", "list"),
        run(Map.of("command", "data-marts:list", "tool", "owox", "ok", true)).get("command_path"));
    assertEquals(
        List.of("gh", "pr", "list"),
        run(Map.of("command_name", "gh pr list", "exit_code", 0)).get("command_path"));
  }

  @Test
  void outcome_fromExitCodeThenSuccessThenStatus() {
    assertEquals(2, run(Map.of("cmd", "a", "exitCode", "2")).get("exit_code"));
    assertEquals(1, run(Map.of("cmd", "a", "success", false)).get("exit_code"));
    assertEquals(0, run(Map.of("cmd", "a", "status", "OK")).get("exit_code"));
    assertEquals(1, run(Map.of("cmd", "a", "status", "failed")).get("exit_code"));
  }

  @Test
  void duration_inMillisecondsOrSeconds() {
    assertEquals(
        1500L, run(Map.of("cmd", "a", "ok", true, "duration_seconds", 1.5)).get("duration_ms"));
    assertEquals(42, run(Map.of("cmd", "a", "ok", true, "durationMs", 42)).get("duration_ms"));
  }

  @Test
  void timestamp_fromOffsetWhenAbsent() {
    Map<String, Object> item =
        assertInstanceOf(
                PosthogEvents.Run.class,
                events.map(
                    Map.of(
                        "event", "e", "offset", 2000, "properties", Map.of("cmd", "a", "ok", true)),
                    null,
                    NOW))
            .item();
    assertEquals("2026-03-02T09:59:58Z", item.get("timestamp"));
  }

  @Test
  void ids_comeFromDistinctIdDeviceAndSession() {
    Map<String, Object> item =
        assertInstanceOf(
                PosthogEvents.Run.class,
                events.map(
                    Map.of(
                        "event",
                        "e",
                        "distinct_id",
                        "user-1",
                        "uuid",
                        "0190b3f6-1a2b-7c3d-8e4f-0123456789ab",
                        "properties",
                        Map.of("cmd", "a", "ok", true, "$device_id", "d", "$session_id", "s")),
                    null,
                    NOW))
            .item();
    assertEquals("user-1", item.get("actor_id"));
    assertEquals("d", item.get("machine_id"));
    assertEquals("s", item.get("session_hint"));
    assertEquals("0190b3f6-1a2b-7c3d-8e4f-0123456789ab", item.get("event_id"));
  }

  @Test
  void platform_fromOsArchAndRuntimeProperties_inTheirCanonicalForm() {
    Map<String, Object> item =
        run(
            Map.of(
                "cmd",
                "a",
                "ok",
                true,
                "platform",
                "win32",
                "arch",
                "x64",
                "node_version",
                "v20.11.1"));
    assertEquals("windows", item.get("os"));
    assertEquals("amd64", item.get("arch"));
    assertEquals("node-20.11", item.get("runtime"));
    assertEquals(
        "python-3.12",
        run(Map.of("cmd", "a", "ok", true, "$os", "Mac OS X", "runtime", "python-3.12"))
            .get("runtime"));
  }

  @Test
  void platform_freeTextOrNonStringValues_areDroppedNotErrors() {
    Map<String, Object> item =
        run(
            Map.of(
                "cmd",
                "a",
                "ok",
                true,
                "os",
                "Ubuntu on alice-laptop",
                "arch",
                64,
                "runtime",
                "x"));
    assertFalse(
        item.containsKey("os") || item.containsKey("arch") || item.containsKey("runtime"),
        item.toString());
  }
}
