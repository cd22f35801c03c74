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
}
