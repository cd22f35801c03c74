package dev.clianalytics.client.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: attempt n waits a random time in [0, min(cap, base * 2^n)].
 * A server's {@code Retry-After} is a floor: the client never comes back earlier than asked.
 */
final class Backoff {
  static final Duration BASE = Duration.ofMillis(100);
  static final Duration CAP = Duration.ofSeconds(30);

  /**
   * Given a bound n, returns a value in [0, n]; injectable so tests are deterministic. Null means
   * uniformly random: then neither this interface nor a class implementing it is loaded when the
   * client starts, only a {@link ThreadLocalRandom} at the first retry.
   */
  private final LongUnaryOperator random;

  Backoff(LongUnaryOperator random) {
    this.random = random;
  }

  static Backoff withRandomJitter() {
    return new Backoff(null);
  }

  /** The wait before retry number {@code attempt} (0 for the first retry). */
  Duration delay(int attempt, Optional<Duration> retryAfter) {
    long ceiling = CAP.toMillis();
    if (attempt < 20) {
      ceiling = Math.min(ceiling, BASE.toMillis() << attempt);
    }
    long pick =
        random == null
            ? ThreadLocalRandom.current().nextLong(ceiling + 1)
            : random.applyAsLong(ceiling);
    Duration jittered = Duration.ofMillis(pick);
    if (retryAfter.isPresent() && retryAfter.get().compareTo(jittered) > 0) {
      return retryAfter.get();
    }
    return jittered;
  }
}
