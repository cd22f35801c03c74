package dev.clianalytics.core.workflow;

import java.util.List;

/** A workflows file is invalid; {@link #errors()} has one message per problem. */
public final class CatalogException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  // Exceptions are not serialized in this project; transient keeps -Xlint:serial quiet honestly.
  private final transient List<String> errors;

  CatalogException(List<String> errors) {
    super("invalid workflows file: " + String.join("; ", errors));
    this.errors = List.copyOf(errors);
  }

  /** Each problem, naming the definition (index and name) and the field. */
  public List<String> errors() {
    return errors;
  }
}
