package dev.clianalytics.core.workflow;

/** A workflow definition field broke its rule; {@link #field()} names the field. */
public final class InvalidDefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  InvalidDefinitionException(String field, String value, String rule) {
    super("field '" + field + "' " + rule + " (was '" + value + "')");
    this.field = field;
  }

  /** The name of the offending field, as written in a workflows file. */
  public String field() {
    return field;
  }
}
