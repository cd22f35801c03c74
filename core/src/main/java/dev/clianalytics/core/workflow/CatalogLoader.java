package dev.clianalytics.core.workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads workflow definitions from the parsed form of a {@code WORKFLOWS_FILE} (YAML or JSON read
 * into maps and lists): {@code {"workflows": [{"name", "tool", "category", "steps", "goal"}]}}. A
 * step or goal is a space-separated command ({@code "run build"}) or a list of elements; {@code ""}
 * or {@code []} is the bare tool. Every problem is reported at once, naming the definition and
 * field.
 */
public final class CatalogLoader {
  private static final Set<String> FIELDS = Set.of("name", "tool", "category", "steps", "goal");

  private CatalogLoader() {}

  /** The definitions in the document, in file order; throws {@link CatalogException} if invalid. */
  public static List<WorkflowDefinition> parse(Map<String, Object> document) {
    List<String> errors = new ArrayList<>();
    List<WorkflowDefinition> definitions = new ArrayList<>();
    for (String key : document.keySet()) {
      if (!key.equals("workflows")) {
        errors.add("unknown top-level key '" + key + "'; the only key is 'workflows'");
      }
    }
    if (!(document.get("workflows") instanceof List<?> list)) {
      errors.add("'workflows' must be a list of definitions");
      throw new CatalogException(errors);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      WorkflowDefinition definition = parseOne(i, list.get(i), errors);
      if (definition != null && !names.add(definition.name())) {
        errors.add(
            where(i, definition.name()) + "name is used twice in the file; names must be unique");
      } else if (definition != null) {
        definitions.add(definition);
      }
    }
    if (!errors.isEmpty()) {
      throw new CatalogException(errors);
    }
    return definitions;
  }

  /** The built-in catalog with the document's definitions added or overriding by name. */
  public static WorkflowCatalog builtInWith(Map<String, Object> document) {
    return WorkflowCatalog.builtIn().withOverrides(parse(document));
  }

  private static WorkflowDefinition parseOne(int index, Object item, List<String> errors) {
    if (!(item instanceof Map<?, ?> map)) {
      errors.add(where(index, null) + "must be an object with name, tool, category, steps, goal");
      return null;
    }
    String name = map.get("name") instanceof String s ? s : null;
    int before = errors.size();
    for (Object key : map.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        errors.add(where(index, name) + "unknown field '" + key + "'; allowed: " + FIELDS_TEXT);
      }
    }
    String tool = string(map.get("tool"), "tool", index, name, errors);
    String categoryText = string(map.get("category"), "category", index, name, errors);
    string(map.get("name"), "name", index, name, errors);
    List<List<String>> steps = steps(map.get("steps"), index, name, errors);
    List<String> goal = path(map.get("goal"), "goal", index, name, errors);
    if (errors.size() > before) {
      return null;
    }
    try {
      return new WorkflowDefinition(name, tool, Category.parse(categoryText), steps, goal);
    } catch (IllegalArgumentException e) {
      String field = e instanceof InvalidDefinitionException ide ? ide.field() : "category";
      errors.add(where(index, name) + "field '" + field + "': " + message(e));
      return null;
    }
  }

  private static final String FIELDS_TEXT = "name, tool, category, steps, goal";

  private static String message(IllegalArgumentException e) {
    String text = e.getMessage();
    return text.startsWith("field '") ? text.substring(text.indexOf(' ', 7) + 1) : text;
  }

  private static String string(
      Object value, String field, int i, String name, List<String> errors) {
    if (value instanceof String s) {
      return s;
    }
    errors.add(where(i, name) + "field '" + field + "' is required and must be a string");
    return null;
  }

  private static List<List<String>> steps(Object value, int i, String name, List<String> errors) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      errors.add(where(i, name) + "field 'steps' is required and must be a non-empty list");
      return null;
    }
    List<List<String>> steps = new ArrayList<>();
    for (Object step : list) {
      steps.add(path(step, "steps", i, name, errors));
    }
    return steps;
  }

  private static List<String> path(
      Object value, String field, int i, String name, List<String> errors) {
    if (value instanceof String text) {
      return BuiltInCatalog.path(text);
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    errors.add(where(i, name) + "field '" + field + "' must be a command such as \"run build\"");
    return null;
  }

  private static String where(int index, String name) {
    return "workflows[" + index + "]" + (name == null ? "" : " '" + name + "'") + ": ";
  }
}
