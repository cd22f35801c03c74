package dev.clianalytics.client.internal;

import java.time.Duration;
import java.util.Optional;

/** What one delivery attempt of a batch came to. */
sealed interface SendResult {
  /** The server has the batch (2xx; for PostgREST also 409, a duplicate row). */
  record Delivered() implements SendResult {}

  /** Worth trying again: network failure, timeout, 408, 425, 429 or 5xx. */
  record Retry(Optional<Duration> retryAfter) implements SendResult {}

  /** The server refused the batch for good (400, 401, 403, 404, 413, ...): retrying cannot help. */
  record Rejected(int status) implements SendResult {}
}
