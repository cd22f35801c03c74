package dev.clianalytics.server.scenario;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Raw events for scenarios, timed in minutes after a base two days ago (so the receipt checks
 * pass).
 */
final class Ev {
  /** Scenario time zero: two days ago, on a whole hour, so reports group into known days. */
  static final Instant BASE = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

  private final Map<String, Object> json = new LinkedHashMap<>();

  private Ev(String actor, double minutes, String command, int exit) {
    List<String> path = Arrays.asList(command.split(" "));
    json.put("event_id", UUID.randomUUID().toString());
    json.put("timestamp", at(minutes).toString());
    json.put("tool_name", path.get(0));
    json.put("tool_version", "1.0.0");
    json.put("command_path", path);
    json.put("exit_code", exit);
    json.put("actor_id", actor);
  }

  /**
   * {@code actor} ran {@code command} (e.g. "terraform plan") at BASE + minutes, ending with exit.
   */
  static Ev ev(String actor, double minutes, String command, int exit) {
    return new Ev(actor, minutes, command, exit);
  }

  static Instant at(double minutes) {
    return BASE.plusMillis(Math.round(minutes * 60_000));
  }

  Ev hint(String hint) {
    json.put("session_hint", hint);
    return this;
  }

  Ev ci() {
    json.put("ci_detected", true);
    return this;
  }

  Ev version(String version) {
    json.put("tool_version", version);
    return this;
  }

  Ev platform(String os, String arch, String runtime) {
    json.put("os", os);
    json.put("arch", arch);
    json.put("runtime", runtime);
    return this;
  }

  Ev error(String type) {
    json.put("error_type", type);
    return this;
  }

  Ev duration(long ms) {
    json.put("duration_ms", ms);
    return this;
  }

  /** The same event (same id) again, as a retrying client would send it. */
  Ev copy() {
    Ev other = new Ev("x", 0, "x", 0);
    other.json.clear();
    other.json.putAll(json);
    return other;
  }

  Map<String, Object> json() {
    return json;
  }
}
