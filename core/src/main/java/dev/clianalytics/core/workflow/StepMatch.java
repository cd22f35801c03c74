package dev.clianalytics.core.workflow;

import java.util.List;

/**
 * One definition step an event matches: {@code order} is the definition's position in the catalog,
 * {@code goal} whether the step is the definition's goal.
 */
public record StepMatch(int order, WorkflowDefinition definition, List<String> step, boolean goal) {
  public StepMatch {
    step = List.copyOf(step);
  }
}
