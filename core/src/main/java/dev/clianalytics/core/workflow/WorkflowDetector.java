package dev.clianalytics.core.workflow;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds workflow instances in one session (docs/inference.md). Each event joins exactly one
 * instance: of the definition it matches (see {@link WorkflowCatalog}), or of its command's auto
 * workflow. When an event matches several definitions, the one with an open instance in the session
 * wins, then the one whose matched step is longest, then the earlier one in the catalog. The result
 * depends only on the session, so a session can be re-detected on its own. Thread-safe.
 */
public final class WorkflowDetector {
  private static final Pattern ELEMENT = WorkflowDefinition.ELEMENT;
  private final WorkflowCatalog catalog;
  private final Map<List<String>, StepMatch> autoMatches = new ConcurrentHashMap<>();

  /** A detector for this catalog. */
  public WorkflowDetector(WorkflowCatalog catalog) {
    this.catalog = catalog;
  }

  /** The catalog in force. */
  public WorkflowCatalog catalog() {
    return catalog;
  }

  /** The instances of the session in the order they started. */
  public List<WorkflowInstance> detect(Session session) {
    List<InstanceBuilder> all = new ArrayList<>();
    List<InstanceBuilder> open = new ArrayList<>(4);
    for (Event event : session.events()) {
      List<StepMatch> matches = catalog.matches(event);
      StepMatch match = matches.isEmpty() ? autoMatch(event) : choose(matches, open);
      InstanceBuilder instance = openInstance(open, match.definition());
      if (instance == null) {
        instance = new InstanceBuilder(match.definition(), matches.isEmpty(), all.size(), event);
        all.add(instance);
        open.add(instance);
      }
      if (instance.add(event, match.step(), match.goal())) {
        open.remove(instance);
      }
    }
    open.forEach(instance -> instance.finishUnclosed(session.open()));
    List<WorkflowInstance> result = new ArrayList<>(all.size());
    all.forEach(instance -> result.add(instance.build(session.id())));
    return result;
  }

  private static StepMatch choose(List<StepMatch> matches, List<InstanceBuilder> open) {
    StepMatch best = matches.get(0);
    if (matches.size() == 1) {
      return best;
    }
    boolean bestOpen = openInstance(open, best.definition()) != null;
    for (int i = 1; i < matches.size(); i++) {
      StepMatch candidate = matches.get(i);
      boolean candidateOpen = openInstance(open, candidate.definition()) != null;
      boolean better =
          candidateOpen != bestOpen ? candidateOpen : candidate.step().size() > best.step().size();
      if (better) {
        best = candidate;
        bestOpen = candidateOpen;
      }
    }
    return best;
  }

  private static InstanceBuilder openInstance(
      List<InstanceBuilder> open, WorkflowDefinition definition) {
    for (InstanceBuilder instance : open) {
      // Names, not identity: one auto workflow can come from several cached command paths.
      if (instance.definition == definition
          || instance.definition.name().equals(definition.name())) {
        return instance;
      }
    }
    return null;
  }

  private StepMatch autoMatch(Event event) {
    StepMatch match = autoMatches.get(event.commandPath());
    if (match == null) {
      WorkflowDefinition definition =
          WorkflowDefinition.auto(Commands.tool(event), validPrefix(Commands.subcommand(event)));
      if (catalog.find(definition.name()).isPresent()) {
        // e.g. a bare "kubectl rollout" next to the built-in kubectl_rollout: keep them apart.
        definition = definition.renamed(definition.name() + "-auto");
      }
      match = new StepMatch(-1, definition, definition.goal(), true);
      autoMatches.put(event.commandPath(), match);
    }
    return match;
  }

  // Stored paths are already cut by privacy; this keeps hand-made events from failing inference.
  private static List<String> validPrefix(List<String> command) {
    int end = 0;
    while (end < command.size()
        && end < WorkflowDefinition.MAX_STEP_ELEMENTS
        && ELEMENT.matcher(command.get(end)).matches()) {
      end++;
    }
    return List.copyOf(command.subList(0, end));
  }
}
