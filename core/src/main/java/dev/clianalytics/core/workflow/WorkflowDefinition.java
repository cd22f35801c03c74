package dev.clianalytics.core.workflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One workflow definition (docs/inference.md): a URL-safe unique {@code name}, the {@code tool} it
 * belongs to, a {@link Category}, ordered {@code steps} (command paths without the tool; the empty
 * path stands for the bare tool) and one {@code goal} that is one of the steps.
 */
public record WorkflowDefinition(
    String name, String tool, Category category, List<List<String>> steps, List<String> goal) {
  static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$");
  static final Pattern TOOL = Pattern.compile("^[a-z0-9][a-z0-9._+-]{0,63}$");
  static final Pattern ELEMENT = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");

  /** At most 5 elements: the stored command path keeps at most 6, one of which is the tool. */
  static final int MAX_STEP_ELEMENTS = 5;

  public WorkflowDefinition {
    check(name != null && NAME.matcher(name).matches(), "name", name, NAME_RULE);
    check(tool != null && TOOL.matcher(tool).matches(), "tool", tool, TOOL_RULE);
    check(category != null, "category", null, "must be set");
    check(steps != null && !steps.isEmpty(), "steps", steps, "must list at least one step");
    steps = steps.stream().map(List::copyOf).toList();
    Set<List<String>> seen = new HashSet<>();
    for (List<String> step : steps) {
      checkStep(step);
      check(seen.add(step), "steps", String.join(" ", step), "steps must be distinct");
    }
    check(goal != null, "goal", null, "must be one of the steps");
    goal = List.copyOf(goal);
    check(seen.contains(goal), "goal", String.join(" ", goal), "must be one of the steps");
  }

  private static final String NAME_RULE =
      "must be 1-64 URL-safe characters (letters, digits, '.', '_', '~', '-')";
  private static final String TOOL_RULE =
      "must be a lowercase tool name (a-z, 0-9, '.', '_', '+', '-', at most 64)";

  /** The auto workflow of an uncovered command: {@code <tool>_<command>}, a single goal step. */
  public static WorkflowDefinition auto(String tool, List<String> subcommand) {
    String safeTool = safe(tool, "[^a-z0-9._+-]");
    String name = subcommand.isEmpty() ? safeTool : safeTool + "_" + String.join("_", subcommand);
    return new WorkflowDefinition(
        safe(name, "[^A-Za-z0-9._~-]"), safeTool, Category.OTHER, List.of(subcommand), subcommand);
  }

  // Tool names come from events and are only lowercased by privacy, so "./gradlew" or "g++"
  // must still give a valid auto definition rather than fail inference.
  private static String safe(String text, String disallowed) {
    String cleaned = text.toLowerCase(java.util.Locale.ROOT).replaceAll(disallowed, "-");
    if (cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0))) {
      cleaned = "x" + cleaned;
    }
    return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
  }

  /** The same definition under another name. */
  public WorkflowDefinition renamed(String newName) {
    return new WorkflowDefinition(newName, tool, category, steps, goal);
  }

  /** The definition as a JSON object: steps and goal written as space-separated commands. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("tool", tool);
    json.put("category", category.json());
    List<String> stepTexts = new ArrayList<>();
    steps.forEach(step -> stepTexts.add(String.join(" ", step)));
    json.put("steps", stepTexts);
    json.put("goal", String.join(" ", goal));
    return json;
  }

  private static void checkStep(List<String> step) {
    String text = String.join(" ", step);
    check(step.size() <= MAX_STEP_ELEMENTS, "steps", text, "a step has at most 5 elements");
    for (String element : step) {
      check(
          element != null && ELEMENT.matcher(element).matches(),
          "steps",
          text,
          "each element must be a lowercase word matching ^[a-z][a-z0-9_-]{0,31}$");
    }
  }

  private static void check(boolean ok, String field, Object value, String rule) {
    if (!ok) {
      throw new InvalidDefinitionException(field, Objects.toString(value), rule);
    }
  }
}
