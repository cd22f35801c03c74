package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {
  /** Always picks the top of the jitter range, exposing the ceiling. */
  private final Backoff ceiling = new Backoff(bound -> bound);

  @Test
  void delay_doublesPerAttemptUpToTheCap() {
    assertEquals(Duration.ofMillis(100), ceiling.delay(0, Optional.empty()));
    assertEquals(Duration.ofMillis(200), ceiling.delay(1, Optional.empty()));
    assertEquals(Duration.ofMillis(800), ceiling.delay(3, Optional.empty()));
    assertEquals(Backoff.CAP, ceiling.delay(30, Optional.empty()));
  }

  @Test
  void delay_retryAfterLongerThanBackoff_isRetryAfter() {
    assertEquals(Duration.ofSeconds(5), ceiling.delay(0, Optional.of(Duration.ofSeconds(5))));
  }

  @Property(tries = 200)
  void delay_withJitter_staysWithinZeroAndCeilingAndRespectsRetryAfter(
      @ForAll @IntRange(min = 0, max = 100) int attempt,
      @ForAll @IntRange(min = 0, max = 120_000) int retryAfterMs) {
    Duration retryAfter = Duration.ofMillis(retryAfterMs);
    Duration d = Backoff.withRandomJitter().delay(attempt, Optional.of(retryAfter));
    assertTrue(d.compareTo(retryAfter) >= 0, d + " < " + retryAfter);
    Duration plain = Backoff.withRandomJitter().delay(attempt, Optional.empty());
    assertTrue(!plain.isNegative() && plain.compareTo(Backoff.CAP) <= 0, plain.toString());
  }

  @Test
  void delay_withRandomJitter_spreadsOverTheRange() {
    Backoff random = Backoff.withRandomJitter();
    java.util.Set<Duration> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(random.delay(10, Optional.empty()));
    }
    assertTrue(seen.size() > 50, seen.size() + " distinct delays of 200");
  }
}
