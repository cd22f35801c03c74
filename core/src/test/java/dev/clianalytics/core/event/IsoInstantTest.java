package dev.clianalytics.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written timestamp text is exactly {@code Instant.toString()}. */
class IsoInstantTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00Z",
        "2000-02-29T23:59:59.999Z",
        "2026-11-22T21:34:41.748Z",
        "2026-03-01T00:00:00.010Z",
        "2100-02-28T12:00:00.100Z",
        "9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z",
        "2026-11-22T21:34:41.748123Z"
      })
  void format_knownInstants_matchInstantToString(String text) {
    Instant instant = Instant.parse(text);
    assertEquals(instant.toString(), IsoInstant.format(instant));
  }

  @Property
  void format_wholeMilliseconds_matchInstantToString(
      @ForAll @LongRange(min = -100_000_000_000_000L, max = 400_000_000_000_000L) long millis) {
    Instant instant = Instant.ofEpochMilli(millis);
    assertEquals(instant.toString(), IsoInstant.format(instant));
  }

  @Property
  void format_anyNanos_matchInstantToString(
      @ForAll @LongRange(min = 0, max = 300_000_000_000L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    assertEquals(instant.toString(), IsoInstant.format(instant));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-01-24T10:00:00Z",
        "2026-01-24T10:00:00.5Z",
        "2026-01-24T10:00:00.123456789Z",
        "2024-02-29T23:59:59.999Z",
        "0000-01-01T00:00:00Z",
        "2025-02-29T10:00:00Z",
        "2026-04-31T10:00:00Z",
        "2026-13-01T10:00:00Z",
        "2026-01-24T24:00:00Z",
        "2026-01-24T10:60:00Z",
        "2026-01-24T10:00:60Z",
        "2026-01-24T10:00:00.Z",
        "2026-01-24T10:00:00.1234567890Z",
        "2026-01-24T10:00:00+00:00",
        "2026-01-24 10:00:00Z",
        "2026-01-24T10:00:00z",
        "2026-1-24T10:00:00Z",
        "+2026-01-24T10:00:00Z",
        "2026-01-24T10:00:0xZ",
        "2026-01-24T10:00:00.12a4Z"
      })
  void parseUtc_acceptsExactlyWhatTheJdkParserAccepts_withTheSameInstant(String text) {
    Instant jdk;
    try {
      jdk =
          java.time.OffsetDateTime.parse(
                  text, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      jdk = null;
    }
    Instant fast = IsoInstant.parseUtc(text);
    // null means "not the common form": the JDK then decides, so only a disagreement on a
    // parsed value, or a fast parse of text the JDK refuses, is wrong
    if (fast != null) {
      assertEquals(jdk, fast, text);
    }
  }

  @Property
  void parseUtc_formattedInstants_parseBackToTheSameInstant(
      @ForAll @LongRange(min = 0, max = 250_000_000_000L) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    assertEquals(instant, IsoInstant.parseUtc(instant.toString()));
  }
}
