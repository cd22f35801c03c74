package dev.clianalytics.client.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one delivery attempt of a batch came to. An enum plus a record rather than a sealed
 * interface: a pattern switch's first use costs a fresh JVM tens of milliseconds of bootstrap, and
 * this switch runs while the tool waits at exit.
 *
 * @param outcome the kind of result
 * @param retryAfter for {@link Outcome#RETRY}, the server's Retry-After, if any
 * @param status the HTTP status, or 0 when no answer came
 */
record SendResult(Outcome outcome, Optional<Duration> retryAfter, int status) {
  enum Outcome {
    /** The server has the batch (2xx; for PostgREST also 409, a duplicate row). */
    DELIVERED,
    /** Worth trying again: network failure, timeout, 408, 425, 429 or 5xx. */
    RETRY,
    /** Refused for good (400, 401, 403, 404, 413, ...): retrying cannot help. */
    REJECTED
  }

  SendResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  static SendResult delivered(int status) {
    return new SendResult(Outcome.DELIVERED, Optional.empty(), status);
  }

  static SendResult retry(int status, Optional<Duration> retryAfter) {
    return new SendResult(Outcome.RETRY, retryAfter, status);
  }

  static SendResult rejected(int status) {
    return new SendResult(Outcome.REJECTED, Optional.empty(), status);
  }
}
