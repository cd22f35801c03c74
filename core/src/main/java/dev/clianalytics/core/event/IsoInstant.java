package dev.clianalytics.core.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

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

  /**
   * Parses the form nearly every client sends, {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, without
   * {@code DateTimeFormatter} (a tenth of ingest's CPU when it parsed every timestamp). Returns
   * null for any other text, which the caller then parses with the JDK, so both accept and refuse
   * alike.
   */
  static Instant parseUtc(String s) {
    int n = s.length();
    if (n < 20
        || n > 30
        || s.charAt(n - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = digits(s, 20, fraction);
      for (int i = fraction; i < 9 && nanos >= 0; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z') {
      return null;
    }
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The number written by {@code count} ASCII digits at {@code from}, or -1 if one is not. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static StringBuilder twoDigits(StringBuilder out, int value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
