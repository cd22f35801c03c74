package dev.clianalytics.server.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CopyCsvTest {

  @Property
  void timestamp_parsesBackToTheSameMicrosecond(
      @ForAll @LongRange(min = -62_135_596_800_000_000L, max = 253_402_300_799_999_999L)
          long micros) {
    Instant t =
        Instant.EPOCH
            .plusNanos(0)
            .plusSeconds(Math.floorDiv(micros, 1_000_000L))
            .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L);

    String text = CopyCsv.timestamp(new StringBuilder(), t).toString();

    assertEquals(t, Instant.parse(text));
  }

  @Test
  void timestamp_wholeSecond_writesSixZeroDigits() {
    assertEquals(
        "2026-03-01T00:00:05.000000Z",
        CopyCsv.timestamp(new StringBuilder(), Instant.parse("2026-03-01T00:00:05Z")).toString());
  }

  @Test
  void text_doublesQuotesAndLeavesNullEmpty() {
    assertEquals("\"a\"\"b,c\"", CopyCsv.text(new StringBuilder(), "a\"b,c").toString());
    assertEquals("", CopyCsv.text(new StringBuilder(), null).toString());
  }

  @Test
  void array_escapesForTheArrayLiteralThenForCsv() {
    String csv = CopyCsv.array(new StringBuilder(), List.of("a", "b\"c", "d\\e", "")).toString();

    assertEquals("\"{\"\"a\"\",\"\"b\\\"\"c\"\",\"\"d\\\\e\"\",\"\"\"\"}\"", csv);
  }
}
