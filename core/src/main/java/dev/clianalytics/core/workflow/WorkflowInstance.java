package dev.clianalytics.core.workflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of one workflow within one session, with the facts docs/inference.md asks for. {@code
 * end} is the timestamp of the instance's last event; {@code durationMs} is end - start plus the
 * last event's own {@code duration_ms} when it has one, so a one-command run lasts as long as it
 * ran. {@code auto} marks the single-step workflow of a command no definition covers; such
 * instances count in reports only once the command reaches {@code AUTO_WORKFLOW_MIN_RUNS} (see
 * {@link AutoWorkflows}). {@code eventCount} is the number of events the instance took.
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

  /** The instance as a JSON object with snake_case fields (times in RFC 3339). */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("workflow", workflow);
    json.put("tool", tool);
    json.put("category", category.json());
    json.put("auto", auto);
    json.put("session_id", sessionId);
    json.put("start", start.toString());
    json.put("end", end.toString());
    json.put("duration_ms", durationMs);
    json.put("outcome", outcome.name());
    json.put("events", eventCount);
    json.put("steps_seen", stepsSeen);
    json.put("goal_attempts", goalAttempts);
    json.put("failures_before_success", failuresBeforeSuccess);
    json.put("error_types", errorTypes);
    json.put("tool_version", toolVersion);
    json.put("ci", ci);
    return json;
  }
}
