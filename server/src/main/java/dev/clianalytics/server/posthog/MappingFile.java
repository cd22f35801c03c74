package dev.clianalytics.server.posthog;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.json.JsonException;
import dev.clianalytics.server.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads {@code POSTHOG_MAPPING_FILE} (YAML, or JSON when the name ends in {@code .json}) at start,
 * naming every problem at once, as {@code WORKFLOWS_FILE} is loaded. The format is in
 * docs/posthog.md.
 */
public final class MappingFile {
  private static final String KEY = "POSTHOG_MAPPING_FILE";
  private static final Set<String> TOP =
      Set.of("fields", "command_events", "start_events", "tools");
  private static final int MAX_NAME = 200;

  private final List<String> problems = new ArrayList<>();

  private MappingFile() {}

  /**
   * The mapping in force: the defaults, changed by {@code file}; {@code file} null means defaults.
   *
   * @throws ConfigException with a one-line message naming the file and every problem
   */
  public static PosthogMapping load(Path file) {
    if (file == null) {
      return PosthogMapping.defaultMapping();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          KEY + " " + file + " cannot be read (" + e + "); fix the path or unset it");
    }
    return new MappingFile().read(file, parse(file, text));
  }

  private static Object parse(Path file, String text) {
    try {
      boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
      return json
          ? Json.parse(text)
          : new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (JsonException | YAMLException e) {
      throw new ConfigException(
          KEY
              + " "
              + file
              + " is not valid YAML or JSON: "
              + e.getMessage().replace('\n', ' ')
              + "; fix the syntax");
    }
  }

  private PosthogMapping read(Path file, Object document) {
    if (!(document instanceof Map<?, ?> map)) {
      throw new ConfigException(
          KEY
              + " "
              + file
              + " must hold a mapping with any of 'fields', 'command_events', 'start_events',"
              + " 'tools'");
    }
    for (Object key : map.keySet()) {
      if (!TOP.contains(String.valueOf(key))) {
        problems.add(
            "unknown key '" + key + "' (allowed: fields, command_events, start_events, tools)");
      }
    }
    Map<String, List<String>> fields = fields(map.get("fields"));
    Set<String> commandEvents = names("command_events", map.get("command_events"));
    Set<String> startEvents = names("start_events", map.get("start_events"));
    Map<String, String> tools = tools(map.get("tools"));
    if (!problems.isEmpty()) {
      throw new ConfigException(KEY + " " + file + " is invalid: " + String.join("; ", problems));
    }
    return new PosthogMapping(fields, commandEvents, startEvents, tools);
  }

  private Map<String, List<String>> fields(Object value) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add("'fields' must map field names to lists of property keys");
      return out;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String field = String.valueOf(e.getKey());
      if (!PosthogMapping.DEFAULT_SOURCES.containsKey(field)) {
        problems.add(
            "fields: unknown field '"
                + field
                + "' (allowed: "
                + String.join(
                    ", ", PosthogMapping.DEFAULT_SOURCES.keySet().stream().sorted().toList())
                + ")");
        continue;
      }
      int before = problems.size();
      Set<String> keys = names("fields." + field, e.getValue());
      if (problems.size() > before) {
        continue;
      }
      if (keys.isEmpty()) {
        problems.add("fields." + field + " must list at least one property key");
        continue;
      }
      out.put(field, List.copyOf(keys));
    }
    return out;
  }

  /** A list of non-empty strings (a single string is a list of one). */
  private Set<String> names(String where, Object value) {
    Set<String> out = new LinkedHashSet<>();
    if (value == null) {
      return out;
    }
    List<?> list = value instanceof List<?> l ? l : List.of(value);
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      if (!(item instanceof String s) || s.isBlank() || s.length() > MAX_NAME) {
        problems.add(
            where
                + " entry "
                + (i + 1)
                + " must be a non-empty string of at most "
                + MAX_NAME
                + " characters");
      } else {
        out.add(s.strip());
      }
    }
    return out;
  }

  // Project keys are secrets: problems name the entry's position, never the key.
  private Map<String, String> tools(Object value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof Map<?, ?> map)) {
      problems.add("'tools' must map project keys to tool names");
      return out;
    }
    int n = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      n++;
      if (!(e.getKey() instanceof String key) || key.isBlank()) {
        problems.add("tools entry " + n + " must have a project key");
      } else if (!(e.getValue() instanceof String tool) || !validTool(tool)) {
        problems.add(
            "tools entry "
                + n
                + " must name a tool: one word of letters, digits, '.', '_' or '-' (at most 64)");
      } else {
        out.put(key.strip(), tool.strip());
      }
    }
    return out;
  }

  private static boolean validTool(String tool) {
    String t = tool.strip();
    return !t.isEmpty() && t.length() <= 64 && t.matches("[A-Za-z0-9._-]+");
  }
}
