package dev.clianalytics.core.nsm;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/** ISO-8601 week labels such as {@code 2026-W03}, in UTC, with the week-based year. */
public final class IsoWeeks {
  private IsoWeeks() {}

  /** The ISO week of an instant in UTC: 2027-01-01 (a Friday) is {@code 2026-W53}. */
  public static String of(Instant instant) {
    return of(LocalDate.ofInstant(instant, ZoneOffset.UTC));
  }

  /** The ISO week of a date. */
  public static String of(LocalDate date) {
    int year = date.get(IsoFields.WEEK_BASED_YEAR);
    int week = date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    return String.format("%04d-W%02d", year, week);
  }
}
