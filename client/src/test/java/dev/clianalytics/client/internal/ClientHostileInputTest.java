package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CommandRun;
import dev.clianalytics.core.privacy.Privacy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Client.record} never throws, whatever text a run carries and whatever a rule does. */
class ClientHostileInputTest extends ClientTestSupport {
  private static CommandRun failing(String message) {
    return new CommandRun(List.of("deploy"), List.of("--force"), 1, null, "ConfigError", message);
  }

  @Test
  void record_nestedAssignments_sendsTheEventRedacted() {
    runOnce(
        client(env(server.url("/ingest"))),
        failing("bad config: " + "name=".repeat(50_000) + "hunter2"));
    List<Map<String, Object>> events = server.events();
    assertEquals(1, events.size());
    String message = (String) events.get(0).get("error_message");
    assertTrue(message.startsWith("bad config: name="), message);
    assertFalse(message.contains("hunter2"), message);
  }

  @Test
  void record_whenTheRulesOverflowTheStack_dropsThatRecordingOnly() {
    Client c = client(env(server.url("/ingest")));
    Client.rulesForTest =
        e -> {
          if (e.errorMessage().contains("overflow")) {
            throw new StackOverflowError();
          }
          return Privacy.client().apply(e);
        };
    try {
      c.record(failing("first run: overflow"));
      c.record(failing("second run failed"));
    } finally {
      Client.rulesForTest = null;
    }
    c.close();
    List<Map<String, Object>> events = server.events();
    assertEquals(1, events.size(), "only the second recording: " + events);
    assertEquals("second run failed", events.get(0).get("error_message"));
  }
}
