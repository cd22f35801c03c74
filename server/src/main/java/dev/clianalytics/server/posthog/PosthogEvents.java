package dev.clianalytics.server.posthog;

import dev.clianalytics.core.event.Platform;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one PostHog event into a schema-v1 item for the ingest path (docs/posthog.md has the
 * table). Only the mapped properties are read; the rest of the event is never copied anywhere.
 * Values keep their JSON type where the schema checks it, so a wrong type is rejected by the same
 * validation as {@code /ingest} with the schema field's name.
 */
final class PosthogEvents {
  /** What one PostHog event is. */
  sealed interface Mapped {}

  /** A completed command run, as an ingest item. */
  record Run(Map<String, Object> item) implements Mapped {}

  /** A start marker, as an ingest item (validated as a run, then stored as a marker). */
  record Start(Map<String, Object> item) implements Mapped {}

  /** Not a command run ({@code $pageview}, {@code $identify}, ...): counted and dropped. */
  record Dropped() implements Mapped {}

  private static final Dropped DROPPED = new Dropped();

  private final PosthogMapping mapping;

  PosthogEvents(PosthogMapping mapping) {
    this.mapping = mapping;
  }

  /**
   * Maps {@code event}; {@code projectKey} (may be null) selects the mapping file's tool. Never
   * throws on any JSON value.
   */
  Mapped map(Map<?, ?> event, String projectKey, Instant receivedAt) {
    Object name = event.get("event");
    Map<?, ?> props = event.get("properties") instanceof Map<?, ?> p ? p : Map.of();
    Object command = first(props, "command_path");
    if (!(name instanceof String eventName) || command == null) {
      return DROPPED;
    }
    boolean start = mapping.isStart(eventName);
    Object exit = exitCode(props);
    if (!start) {
      boolean named = mapping.commandEvents().contains(eventName);
      if (!mapping.commandEvents().isEmpty() && !named) {
        return DROPPED;
      }
      if (exit == null && !named) {
        return DROPPED;
      }
    }
    Map<String, Object> item = new HashMap<>();
    item.put("event_id", event.get("uuid"));
    item.put("timestamp", timestamp(event, receivedAt));
    String tool = tool(props, projectKey, command);
    item.put("tool_name", tool);
    item.put("command_path", commandPath(command, tool));
    item.put("exit_code", start || exit == null ? 0 : exit);
    item.put("duration_ms", start ? null : duration(props));
    item.put("tool_version", first(props, "tool_version"));
    item.put("flags_present", flags(first(props, "flags_present")));
    item.put("ci_detected", ci(first(props, "ci_detected")));
    if (!start) {
      item.put("error_type", first(props, "error_type"));
      item.put("error_message", first(props, "error_message"));
    }
    Object actor = event.get("distinct_id");
    item.put("actor_id", actor != null ? actor : first(props, "actor_id"));
    item.put("machine_id", first(props, "machine_id"));
    item.put("session_hint", first(props, "session_hint"));
    item.put("os", Platform.os(text(first(props, "os"))));
    item.put("arch", Platform.arch(text(first(props, "arch"))));
    item.put("runtime", runtime(props));
    item.values().removeIf(v -> v == null);
    return start ? new Start(item) : new Run(item);
  }

  /**
   * {@code runtime} as {@code node-20.11}, else from {@code node_version} or {@code
   * python_version}.
   */
  private String runtime(Map<?, ?> props) {
    String shaped = Platform.runtime(text(first(props, "runtime")));
    if (shaped != null) {
      return shaped;
    }
    String node = Platform.runtime("node", text(first(props, "node_version")));
    return node != null ? node : Platform.runtime("python", text(first(props, "python_version")));
  }

  /** Platform values are only ever strings: anything else is dropped, never an error. */
  private static String text(Object value) {
    return value instanceof String s ? s : null;
  }

  private Object first(Map<?, ?> props, String source) {
    for (String key : mapping.keys(source)) {
      Object v = props.get(key);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /** {@code exit_code}, else {@code success}/{@code ok}, else {@code status}; null when none. */
  private Object exitCode(Map<?, ?> props) {
    Object exit = first(props, "exit_code");
    if (exit != null) {
      return exit instanceof String s && s.strip().matches("-?\\d{1,9}")
          ? Integer.parseInt(s.strip())
          : exit;
    }
    Object success = first(props, "success");
    if (success instanceof Boolean b) {
      return b ? 0 : 1;
    }
    if (success instanceof String s
        && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s) ? 0 : 1;
    }
    Object status = first(props, "status");
    if (status != null) {
      String s = String.valueOf(status).strip().toLowerCase(Locale.ROOT);
      return s.equals("success") || s.equals("ok") ? 0 : 1;
    }
    return null;
  }

  private String tool(Map<?, ?> props, String projectKey, Object command) {
    if (first(props, "tool_name") instanceof String t && !t.isBlank()) {
      return t.strip();
    }
    String configured = projectKey == null ? null : mapping.tools().get(projectKey);
    if (configured != null) {
      return configured;
    }
    List<?> words = words(command);
    return words.isEmpty() || !(words.get(0) instanceof String w) ? null : w;
  }

  /** The command's words, with the tool first; non-string words are left for validation. */
  private static Object commandPath(Object command, String tool) {
    if (!(command instanceof String) && !(command instanceof List<?>)) {
      return command;
    }
    List<Object> path = new ArrayList<>(words(command));
    if (tool != null && (path.isEmpty() || !tool.equals(path.get(0)))) {
      path.add(0, tool);
    }
    return path;
  }

  private static List<?> words(Object command) {
    if (command instanceof String s) {
      List<String> out = new ArrayList<>();
      for (String w : s.strip().split("[\\s:]+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
      return out;
    }
    return command instanceof List<?> list ? list : List.of();
  }

  private Object duration(Map<?, ?> props) {
    Object ms = first(props, "duration_ms");
    if (ms != null) {
      return ms instanceof Number n && !(n instanceof Long || n instanceof Integer)
          ? roundOrKeep(n, 1)
          : ms;
    }
    Object seconds = first(props, "duration_s");
    if (seconds instanceof Number n) {
      return roundOrKeep(n, 1000);
    }
    return seconds;
  }

  /** {@code n * factor} rounded to a whole number, or {@code n} itself when out of range. */
  private static Object roundOrKeep(Number n, int factor) {
    try {
      BigDecimal v = new BigDecimal(n.toString()).multiply(BigDecimal.valueOf(factor));
      return v.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0
          ? n
          : Math.round(v.doubleValue());
    } catch (NumberFormatException e) {
      return n;
    }
  }

  /** An array or comma-separated string of names, each given {@code --} when it has no dash. */
  private static Object flags(Object value) {
    if (value == null) {
      return null;
    }
    List<?> names =
        value instanceof String s ? List.of(s.split(",")) : value instanceof List<?> l ? l : null;
    if (names == null) {
      return value;
    }
    List<Object> out = new ArrayList<>(names.size());
    for (Object n : names) {
      if (n instanceof String s) {
        String name = s.strip();
        if (!name.isEmpty()) {
          out.add(name.startsWith("-") ? name : "--" + name);
        }
      } else {
        out.add(n);
      }
    }
    return out;
  }

  /** A boolean; a string is true unless empty, "false", "0" or "no" (a CI name counts). */
  private static Object ci(Object value) {
    if (value instanceof String s) {
      String v = s.strip().toLowerCase(Locale.ROOT);
      return !(v.isEmpty() || v.equals("false") || v.equals("0") || v.equals("no"));
    }
    return value instanceof Number n && (n.intValue() == 0 || n.intValue() == 1)
        ? n.intValue() == 1
        : value;
  }

  /**
   * The event's {@code timestamp}; else receipt time less its {@code offset} (milliseconds before
   * sending, as posthog-js sends it); else receipt time.
   */
  private static Object timestamp(Map<?, ?> event, Instant receivedAt) {
    Object ts = event.get("timestamp");
    if (ts != null) {
      return ts;
    }
    if (event.get("offset") instanceof Number n
        && n.longValue() >= 0
        && n.longValue() < 365L * 86_400_000) {
      return DateTimeFormatter.ISO_INSTANT.format(receivedAt.minusMillis(n.longValue()));
    }
    return DateTimeFormatter.ISO_INSTANT.format(receivedAt);
  }
}
