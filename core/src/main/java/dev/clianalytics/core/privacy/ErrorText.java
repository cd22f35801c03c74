package dev.clianalytics.core.privacy;

/** Placeholder until the redaction rules land; see issue 2. */
final class ErrorText {
  private ErrorText() {}

  static String errorType(String type) {
    return null;
  }

  static String errorMessage(String message) {
    return null;
  }
}
