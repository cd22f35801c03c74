package dev.clianalytics.core.event;

import java.util.Objects;

/**
 * One problem with one field of an event: {@code field} is the JSON field name (empty when the
 * event as a whole is wrong), {@code message} says what was wrong and what is expected.
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
