package dev.clianalytics.core.workflow;

import dev.clianalytics.core.event.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The running state of one workflow instance while a session is read. */
final class InstanceBuilder {
  final WorkflowDefinition definition;
  final boolean auto;
  final int ordinal;
  private final Event first;
  private Event last;
  private Event lastGoal;
  private int eventCount;
  private int goalAttempts;
  private int failures;
  private boolean ci;
  private final List<List<String>> stepsSeen = new ArrayList<>(4);
  private final List<String> errorTypes = new ArrayList<>(2);
  private Outcome outcome;

  InstanceBuilder(WorkflowDefinition definition, boolean auto, int ordinal, Event first) {
    this.definition = definition;
    this.auto = auto;
    this.ordinal = ordinal;
    this.first = first;
  }

  /** Adds an event matched to {@code step}; returns true when it completed the workflow. */
  boolean add(Event event, List<String> step, boolean goal) {
    last = event;
    eventCount++;
    ci |= event.ciDetected();
    if (!stepsSeen.contains(step)) {
      stepsSeen.add(step);
    }
    if (event.errorType() != null && !errorTypes.contains(event.errorType())) {
      errorTypes.add(event.errorType());
    }
    Exit exit = Exit.of(event.exitCode());
    if (exit == Exit.FAILURE) {
      failures++;
    }
    if (goal) {
      goalAttempts++;
      lastGoal = event;
      if (exit == Exit.SUCCESS) {
        outcome = Outcome.SUCCESS;
        return true;
      }
    }
    return false;
  }

  /** Ends an instance its session left open: see docs/inference.md for the rule order. */
  void finishUnclosed(boolean sessionOpen) {
    if (sessionOpen) {
      outcome = Outcome.IN_PROGRESS;
      return;
    }
    outcome =
        switch (Exit.of(last.exitCode())) {
          case INTERRUPT -> Outcome.ABANDONED;
          case FAILURE -> Outcome.FAILED;
          case SUCCESS -> goalAttempts == 0 ? Outcome.ABANDONED : Outcome.FAILED;
        };
  }

  // A loop, not a stream: this runs once per instance on the inference hot path.
  private List<String> stepTexts() {
    String[] texts = new String[stepsSeen.size()];
    for (int i = 0; i < texts.length; i++) {
      List<String> step = stepsSeen.get(i);
      texts[i] = step.size() == 1 ? step.get(0) : String.join(" ", step);
    }
    return List.of(texts);
  }

  WorkflowInstance build(String sessionId) {
    long spanMs = Duration.between(first.timestamp(), last.timestamp()).toMillis();
    // Adding the last command's own run time keeps one-command runs (ai-do run) from reading 0 ms.
    long lastRun = last.durationMs() == null ? 0 : last.durationMs();
    Event versionSource = lastGoal != null ? lastGoal : last;
    return new WorkflowInstance(
        sessionId + "-" + ordinal,
        definition.name(),
        Commands.tool(first),
        definition.category(),
        auto,
        sessionId,
        first.actorId(),
        first.timestamp(),
        last.timestamp(),
        spanMs + lastRun,
        outcome,
        eventCount,
        stepTexts(),
        goalAttempts,
        failures,
        errorTypes,
        versionSource.toolVersion(),
        ci);
  }
}
