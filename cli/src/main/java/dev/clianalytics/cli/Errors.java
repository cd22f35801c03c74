package dev.clianalytics.cli;

/** Turns an exception into the one line a user sees: no stack traces for users. */
final class Errors {
  private Errors() {}

  static String oneLine(Throwable ex) {
    Throwable t = ex;
    while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message);
  }
}
