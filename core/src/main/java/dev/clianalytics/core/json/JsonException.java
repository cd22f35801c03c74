package dev.clianalytics.core.json;

/** A JSON text that could not be read, with the character offset where reading stopped. */
public final class JsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  public JsonException(String message, int offset) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  /** Zero-based character offset of the problem in the input. */
  public int offset() {
    return offset;
  }
}
