package dev.clianalytics.core.workflow;

import dev.clianalytics.core.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow definitions in force, in catalog order, indexed by tool for matching.
 *
 * <p>An event matches a step of a definition when the event's tool equals the definition's tool and
 * the event's command path after the tool starts with the step's path (element by element; the
 * empty step matches every command of the tool). When several steps of one definition match, the
 * longest one is the match.
 */
public final class WorkflowCatalog {
  private final List<WorkflowDefinition> definitions;
  private final Map<String, StepMatch[]> byTool = new HashMap<>();

  private WorkflowCatalog(List<WorkflowDefinition> definitions) {
    this.definitions = List.copyOf(definitions);
    Map<String, List<StepMatch>> index = new HashMap<>();
    for (int i = 0; i < this.definitions.size(); i++) {
      WorkflowDefinition definition = this.definitions.get(i);
      List<StepMatch> entries = index.computeIfAbsent(definition.tool(), t -> new ArrayList<>());
      for (List<String> step : definition.steps()) {
        entries.add(new StepMatch(i, definition, step, step.equals(definition.goal())));
      }
    }
    // Catalog order first, then the longest step of each definition first, so the first entry
    // of a definition that matches is its most specific step.
    Comparator<StepMatch> order =
        Comparator.comparingInt(StepMatch::order)
            .thenComparing(m -> m.step().size(), Comparator.reverseOrder());
    index.forEach(
        (tool, list) -> byTool.put(tool, list.stream().sorted(order).toArray(StepMatch[]::new)));
  }

  /** A catalog of these definitions; names must be unique. */
  public static WorkflowCatalog of(List<WorkflowDefinition> definitions) {
    Map<String, WorkflowDefinition> byName = new LinkedHashMap<>();
    for (WorkflowDefinition definition : definitions) {
      if (byName.putIfAbsent(definition.name(), definition) != null) {
        throw new IllegalArgumentException(
            "workflow name '" + definition.name() + "' is defined twice; names must be unique");
      }
    }
    return new WorkflowCatalog(definitions);
  }

  /** The built-in catalog (see {@link BuiltInCatalog}). */
  public static WorkflowCatalog builtIn() {
    return of(BuiltInCatalog.definitions());
  }

  /**
   * This catalog with {@code overrides} applied: a definition whose name exists replaces it in
   * place, a new name is appended in the order given.
   */
  public WorkflowCatalog withOverrides(List<WorkflowDefinition> overrides) {
    Map<String, WorkflowDefinition> byName = new LinkedHashMap<>();
    definitions.forEach(d -> byName.put(d.name(), d));
    overrides.forEach(d -> byName.put(d.name(), d));
    return new WorkflowCatalog(new ArrayList<>(byName.values()));
  }

  /** The definitions in catalog order. */
  public List<WorkflowDefinition> definitions() {
    return definitions;
  }

  /** The definition with this name, if any. */
  public Optional<WorkflowDefinition> find(String name) {
    return definitions.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The most specific matching step of every definition the event matches, in catalog order. */
  public List<StepMatch> matches(Event event) {
    StepMatch[] entries = byTool.get(Commands.tool(event));
    if (entries == null) {
      return List.of();
    }
    List<String> command = Commands.subcommand(event);
    StepMatch first = null;
    List<StepMatch> more = null;
    for (StepMatch entry : entries) {
      boolean sameDefinition = first != null && entry.order() == last(first, more).order();
      if (!sameDefinition && Commands.startsWith(command, entry.step())) {
        if (first == null) {
          first = entry;
        } else {
          more = more == null ? new ArrayList<>(List.of(first)) : more;
          more.add(entry);
        }
      }
    }
    return more != null ? more : first != null ? List.of(first) : List.of();
  }

  private static StepMatch last(StepMatch first, List<StepMatch> more) {
    return more == null ? first : more.get(more.size() - 1);
  }

  /** True when some definition covers the event's command. */
  public boolean covers(Event event) {
    return !matches(event).isEmpty();
  }

  /** The catalog as JSON ({@code {"workflows": [...]}}), the shape of {@code GET /workflows}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("workflows", definitions.stream().map(WorkflowDefinition::toJson).toList());
    return json;
  }
}
