package dev.clianalytics.core.privacy;

import dev.clianalytics.core.event.Limits;

/**
 * The {@code error_message} and {@code error_type} rules of docs/privacy.md: paths, emails, URLs
 * with credentials or queries, connection strings, addresses, tokens, secret assignments and
 * high-entropy strings become placeholders; everything else (error class names, codes, versions,
 * durations, counts, package names) is kept.
 */
final class ErrorText {
  private ErrorText() {}

  /**
   * An error type is kept when it is a plain identifier ({@code ^[A-Za-z][A-Za-z0-9_.:$-]{0,127}$})
   * holding no secret; otherwise it is redacted as a message.
   */
  static String errorType(String type) {
    if (type == null) {
      return null;
    }
    return Limits.truncate(redact(type), Limits.ERROR_TYPE);
  }

  /** The message with every sensitive value replaced, cut to 512 characters afterwards. */
  static String errorMessage(String message) {
    if (message == null) {
      return null;
    }
    return Limits.truncate(redact(message), Limits.ERROR_MESSAGE);
  }

  static String redact(String text) {
    if (text.isEmpty()) {
      return text;
    }
    return MessageRedactor.redact(Blocks.redact(text));
  }
}
