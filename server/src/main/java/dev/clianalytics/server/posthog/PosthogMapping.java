package dev.clianalytics.server.posthog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which PostHog properties feed which event field, which events are command runs, and the tool each
 * project key stands for (docs/posthog.md has the table).
 *
 * @param sources for each source name in {@link #DEFAULT_SOURCES}, the property keys to read, the
 *     first present winning
 * @param commandEvents event names that are command runs; empty means any event carrying a command
 *     and an outcome property
 * @param startEvents event names that are start markers; empty means names ending in "started"
 * @param tools tool name per project key (the key is a secret: never logged or echoed)
 */
public record PosthogMapping(
    Map<String, List<String>> sources,
    Set<String> commandEvents,
    Set<String> startEvents,
    Map<String, String> tools) {

  /** The default property keys of each source, in the order they are tried. */
  public static final Map<String, List<String>> DEFAULT_SOURCES = defaults();

  public PosthogMapping {
    Map<String, List<String>> all = new LinkedHashMap<>(DEFAULT_SOURCES);
    all.putAll(sources);
    sources = Map.copyOf(all);
    commandEvents = Set.copyOf(commandEvents);
    startEvents = Set.copyOf(startEvents);
    tools = Map.copyOf(tools);
  }

  /** The mapping with no file: the defaults of docs/posthog.md. */
  public static PosthogMapping defaultMapping() {
    return new PosthogMapping(Map.of(), Set.of(), Set.of(), Map.of());
  }

  /** The property keys of one source. */
  List<String> keys(String source) {
    return sources.get(source);
  }

  /** True when {@code event} names a start marker. */
  boolean isStart(String event) {
    if (!startEvents.isEmpty()) {
      return startEvents.contains(event);
    }
    return event.toLowerCase(Locale.ROOT).endsWith("started");
  }

  private static Map<String, List<String>> defaults() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("command_path", List.of("command", "command_name", "cmd", "subcommand"));
    m.put("tool_name", List.of("tool", "cli", "cli_name"));
    m.put("exit_code", List.of("exit_code", "exitCode", "exit_status"));
    m.put("success", List.of("success", "ok"));
    m.put("status", List.of("status"));
    m.put("duration_ms", List.of("duration_ms", "durationMs", "duration"));
    m.put("duration_s", List.of("duration_s", "duration_seconds"));
    m.put("tool_version", List.of("cli_version", "tool_version", "app_version", "version"));
    m.put("flags_present", List.of("flags"));
    m.put("ci_detected", List.of("ci", "in_ci", "is_ci", "ci_detected"));
    m.put("error_type", List.of("error_type", "$exception_type"));
    m.put("error_message", List.of("error_message", "$exception_message"));
    m.put("actor_id", List.of("distinct_id"));
    m.put("machine_id", List.of("$device_id", "device_id", "machine_id"));
    m.put("session_hint", List.of("$session_id", "session_id"));
    m.put("os", List.of("os", "$os", "platform"));
    m.put("arch", List.of("arch", "$arch", "architecture"));
    m.put("runtime", List.of("runtime"));
    m.put("node_version", List.of("node_version", "nodeVersion"));
    m.put("python_version", List.of("python_version", "pythonVersion"));
    return Map.copyOf(m);
  }
}
