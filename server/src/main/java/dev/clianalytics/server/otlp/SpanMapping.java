package dev.clianalytics.server.otlp;

import java.util.Map;

/** What one span became: not a command run, a command run that cannot be used, or an event. */
sealed interface SpanMapping {
  /** A span that does not describe a command run (an HTTP call, a database query, ...). */
  record NotACommand() implements SpanMapping {}

  /** A command run that cannot be turned into an event; {@code field} names the OTLP field. */
  record Rejected(String field, String message) implements SpanMapping {}

  /** A command run as an unvalidated schema-v1 event, ready for the ingest service. */
  record Run(Map<String, Object> event) implements SpanMapping {}

  SpanMapping NOT_A_COMMAND = new NotACommand();
}
