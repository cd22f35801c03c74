package dev.clianalytics.server.inference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one inference did: events read as new (all of them for a full run), sessions and workflow
 * runs (re)computed, and how long it took.
 */
public record InferenceRun(
    long eventsProcessed, long sessions, long workflowRuns, long durationMs, boolean full) {
  /** The {@code POST /infer} answer. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("events_processed", eventsProcessed);
    json.put("sessions", sessions);
    json.put("workflow_runs", workflowRuns);
    json.put("duration_ms", durationMs);
    json.put("full", full);
    return json;
  }
}
