package dev.clianalytics.core.event;

import java.util.List;

/** The result of validating one event: either a valid {@link Event} or its field errors. */
public sealed interface Validation {
  /** The event passed every rule. */
  record Valid(Event event) implements Validation {}

  /** The event broke at least one rule; one error per offending field. */
  record Invalid(List<FieldError> errors) implements Validation {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid event needs at least one error");
      }
    }
  }
}
