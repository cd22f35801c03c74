package dev.clianalytics.server.testing;

import dev.clianalytics.core.json.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Valid raw events for tests, timestamped just before now so receipt checks pass. */
public final class Events {
  private Events() {}

  public static Map<String, Object> event(String actor) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", UUID.randomUUID().toString());
    e.put("timestamp", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
    e.put("tool_name", "terraform");
    e.put("tool_version", "1.7.0");
    e.put("command_path", List.of("terraform", "plan"));
    e.put("flags_present", List.of("--out"));
    e.put("exit_code", 0);
    e.put("duration_ms", 1200);
    e.put("actor_id", actor);
    return e;
  }

  public static String write(Object value) {
    return Json.write(value);
  }
}
