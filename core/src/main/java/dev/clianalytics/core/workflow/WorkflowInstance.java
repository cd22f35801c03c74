package dev.clianalytics.core.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One run of one workflow within one session, with the facts SPEC section 6 asks for. {@code end}
 * is the timestamp of the instance's last event and {@code durationMs} the time from its first
 * event to the end of its last one (the last event's {@code duration_ms}, when known, is added).
 * {@code auto} marks the single-step workflow of a command no definition covers; such instances
 * count in reports only once the command reaches {@code AUTO_WORKFLOW_MIN_RUNS} (see {@link
 * AutoWorkflows}). {@code eventCount} is the number of events the instance took.
 */
public record WorkflowInstance(
    String id,
    String workflow,
    String tool,
    Category category,
    boolean auto,
    String sessionId,
    String actorId,
    Instant start,
    Instant end,
    long durationMs,
    Outcome outcome,
    int eventCount,
    List<String> stepsSeen,
    int goalAttempts,
    int failuresBeforeSuccess,
    List<String> errorTypes,
    String toolVersion,
    boolean ci) {
  public WorkflowInstance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(outcome, "outcome");
    stepsSeen = List.copyOf(stepsSeen);
    errorTypes = List.copyOf(errorTypes);
    if (eventCount < 1 || goalAttempts < 0 || failuresBeforeSuccess < 0 || durationMs < 0) {
      throw new IllegalArgumentException(
          "instance counts must be non-negative and eventCount at least 1, was " + eventCount);
    }
  }
}
