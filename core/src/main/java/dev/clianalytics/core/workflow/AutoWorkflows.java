package dev.clianalytics.core.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which auto workflows count: an uncovered command becomes the single-step workflow {@code
 * <tool>_<command>} once it has at least {@code AUTO_WORKFLOW_MIN_RUNS} (default 5) runs, where a
 * run is one event of that command from any actor in the data being inferred (CI included). The
 * detector always emits auto instances, so a session's result never depends on other sessions;
 * reports keep only the qualifying names.
 */
public final class AutoWorkflows {
  /** The default {@code AUTO_WORKFLOW_MIN_RUNS}. */
  public static final int DEFAULT_MIN_RUNS = 5;

  private AutoWorkflows() {}

  /** Runs per auto workflow name: the events its instances took, summed. */
  public static Map<String, Long> runs(Iterable<WorkflowInstance> instances) {
    Map<String, Long> runs = new HashMap<>();
    for (WorkflowInstance instance : instances) {
      if (instance.auto()) {
        runs.merge(instance.workflow(), (long) instance.eventCount(), Long::sum);
      }
    }
    return runs;
  }

  /** The auto workflow names with at least {@code minRuns} runs. */
  public static Set<String> qualifying(Map<String, Long> runs, int minRuns) {
    if (minRuns < 1) {
      throw new IllegalArgumentException(
          "AUTO_WORKFLOW_MIN_RUNS must be at least 1, was " + minRuns);
    }
    return runs.entrySet().stream()
        .filter(e -> e.getValue() >= minRuns)
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The instances that count: every catalog instance and qualifying auto instances. */
  public static List<WorkflowInstance> counted(List<WorkflowInstance> instances, int minRuns) {
    Set<String> keep = qualifying(runs(instances), minRuns);
    return instances.stream().filter(i -> !i.auto() || keep.contains(i.workflow())).toList();
  }
}
