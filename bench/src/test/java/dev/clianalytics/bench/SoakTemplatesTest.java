package dev.clianalytics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SoakTemplatesTest {
  private static Map<String, Object> run(String actor, String machine, String hint, String ts) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("event_id", "00000000-0000-4000-8000-000000000000");
    run.put("ts", ts);
    run.put("tool_name", "git");
    run.put("command_path", List.of("git", "push"));
    run.put("exit_code", 1L); // as JSON numbers parse
    run.put("actor_id", actor);
    if (machine != null) {
      run.put("machine_id", machine);
    }
    if (hint != null) {
      run.put("session_hint", hint);
    }
    return run;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> events(byte[] body) {
    Map<String, Object> batch =
        (Map<String, Object>) Json.parse(new String(body, StandardCharsets.UTF_8));
    return (List<Map<String, Object>>) batch.get("events");
  }

  @Test
  void eachPassIsNewUsers_withTheSameRunsAndFreshEventIds() {
    List<Map<String, Object>> runs =
        List.of(
            run("alice", "m1", "s1", "2026-11-01T10:00:00Z"),
            run("alice", "m1", "s1", "2026-11-01T10:01:00Z"),
            run("bob", null, null, "2026-11-02T09:00:00Z"));
    SoakBench.Templates templates = new SoakBench.Templates(runs);
    List<Map<String, Object>> sent = new ArrayList<>();
    sent.addAll(events(templates.next()));
    sent.addAll(events(templates.next()));

    Set<Object> eventIds = new HashSet<>();
    Map<Integer, Set<Object>> actorsByPass = new LinkedHashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      Map<String, Object> e = sent.get(i);
      Map<String, Object> template = runs.get(i % runs.size());
      int pass = i / runs.size();
      assertEquals(template.get("actor_id") + "~p" + pass, e.get("actor_id"));
      if (template.containsKey("machine_id")) {
        assertEquals(template.get("machine_id") + "~p" + pass, e.get("machine_id"));
        assertEquals(template.get("session_hint") + "~p" + pass, e.get("session_hint"));
      } else {
        assertNull(e.get("machine_id"));
        assertNull(e.get("session_hint"));
      }
      for (String same : List.of("ts", "tool_name", "command_path", "exit_code")) {
        assertEquals(template.get(same), e.get(same), same);
      }
      assertFalse(template.get("event_id").equals(e.get("event_id")));
      eventIds.add(e.get("event_id"));
      actorsByPass.computeIfAbsent(pass, p -> new HashSet<>()).add(e.get("actor_id"));
    }
    assertEquals(sent.size(), eventIds.size(), "every event id is new");
    Set<Object> seen = new HashSet<>();
    for (Set<Object> actors : actorsByPass.values()) {
      for (Object actor : actors) {
        assertTrue(seen.add(actor), actor + " appears in two passes");
      }
    }
  }
}
