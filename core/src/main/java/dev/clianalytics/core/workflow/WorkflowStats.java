package dev.clianalytics.core.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome figures of a group of instances (one workflow, or one workflow and tool version, ...):
 * {@code runs} counts every instance, {@code outcomes} has every {@link Outcome} as a key, {@code
 * successRate} is SUCCESS / closed instances (null when none closed), durations are over all runs
 * (nearest-rank percentiles, null when there are none).
 */
public record WorkflowStats(
    long runs,
    Map<Outcome, Long> outcomes,
    Double successRate,
    Long medianDurationMs,
    Long p90DurationMs,
    long goalAttempts) {
  public WorkflowStats {
    outcomes = Collections.unmodifiableMap(new EnumMap<>(outcomes));
  }

  /** The figures of these instances. */
  public static WorkflowStats of(Collection<WorkflowInstance> instances) {
    Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, 0L);
    }
    List<Long> durations = new ArrayList<>(instances.size());
    long attempts = 0;
    for (WorkflowInstance instance : instances) {
      outcomes.merge(instance.outcome(), 1L, Long::sum);
      durations.add(instance.durationMs());
      attempts += instance.goalAttempts();
    }
    long closed = instances.size() - outcomes.get(Outcome.IN_PROGRESS);
    Double rate = closed == 0 ? null : (double) outcomes.get(Outcome.SUCCESS) / closed;
    Collections.sort(durations);
    return new WorkflowStats(
        instances.size(),
        outcomes,
        rate,
        percentile(durations, 50),
        percentile(durations, 90),
        attempts);
  }

  /** The figures per workflow name, in first-seen order. */
  public static Map<String, WorkflowStats> byWorkflow(Collection<WorkflowInstance> instances) {
    Map<String, List<WorkflowInstance>> groups = new LinkedHashMap<>();
    instances.forEach(i -> groups.computeIfAbsent(i.workflow(), k -> new ArrayList<>()).add(i));
    Map<String, WorkflowStats> stats = new LinkedHashMap<>();
    groups.forEach((name, group) -> stats.put(name, of(group)));
    return stats;
  }

  /** Nearest-rank percentile of sorted values; null for none. */
  static Long percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** {@code runs}, {@code outcomes} (all four keys), {@code success_rate}, durations. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runs", runs);
    Map<String, Object> counts = new LinkedHashMap<>();
    outcomes.forEach((outcome, n) -> counts.put(outcome.name(), n));
    json.put("outcomes", counts);
    json.put("success_rate", successRate);
    json.put("median_duration_ms", medianDurationMs);
    json.put("p90_duration_ms", p90DurationMs);
    json.put("goal_attempts", goalAttempts);
    return json;
  }
}
