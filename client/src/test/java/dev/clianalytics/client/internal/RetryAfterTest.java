package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void parse_seconds_isThatDelay() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", NOW));
  }

  @Test
  void parse_httpDate_isTheTimeUntilThen() {
    assertEquals(
        Optional.of(Duration.ofSeconds(10)),
        RetryAfter.parse("Fri, 02 Jan 2026 03:04:15 GMT", NOW));
  }

  @Test
  void parse_dateInThePast_isZero() {
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 01 Jan 2026 00:00:00 GMT", NOW));
  }

  @Test
  void parse_hugeValue_isCappedAtOneHour() {
    assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("99999999999999999999999", NOW));
    assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("86400", NOW));
  }

  @Test
  void parse_garbageOrMissing_isEmpty() {
    assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("-1", NOW));
  }
}
