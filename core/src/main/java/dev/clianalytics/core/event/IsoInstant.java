package dev.clianalytics.core.event;

import java.time.Instant;

/**
 * {@link Instant#toString()} for the timestamps events carry (UTC, years 1970 to 9999, whole
 * milliseconds), written with a few divisions. {@code Instant.toString()} goes through {@code
 * DateTimeFormatter}, whose first use builds every standard formatter: milliseconds of start-up
 * that the client would pay on each run of the tool it instruments. Any other instant is left to
 * the JDK, so the text is always exactly {@code Instant.toString()}.
 */
final class IsoInstant {
  /** 10000-01-01T00:00:00Z: from here on years have five digits and a sign. */
  private static final long YEAR_10000 = 253_402_300_800L;

  private IsoInstant() {}

  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    int nanos = instant.getNano();
    if (seconds < 0 || seconds >= YEAR_10000 || nanos % 1_000_000 != 0) {
      return instant.toString();
    }
    long days = seconds / 86_400;
    int secondOfDay = (int) (seconds - days * 86_400);
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm, eras of 400 years from March).
    long z = days + 719_468;
    long era = z / 146_097;
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

    StringBuilder out = new StringBuilder(24);
    out.append(year).append('-');
    twoDigits(out, month).append('-');
    twoDigits(out, day).append('T');
    twoDigits(out, secondOfDay / 3_600).append(':');
    twoDigits(out, secondOfDay / 60 % 60).append(':');
    twoDigits(out, secondOfDay % 60);
    if (nanos != 0) {
      int millis = nanos / 1_000_000;
      out.append('.').append((char) ('0' + millis / 100));
      twoDigits(out, millis % 100);
    }
    return out.append('Z').toString();
  }

  private static StringBuilder twoDigits(StringBuilder out, int value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
