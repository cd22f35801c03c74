package dev.clianalytics.server.storage.derived;

import dev.clianalytics.core.nsm.IsoWeeks;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The UTC day ({@code 2026-03-02}) and ISO week ({@code 2026-W10}) of instants, remembered per day:
 * a full inference asks for the same few hundred days about a million times.
 */
final class Days {
  private static final int SLOTS = 1024;

  /** Immutable, so a slot read without locking shows either an old or a complete entry. */
  private record Day(long epochDay, String day, String week) {}

  private static final Day[] CACHE = new Day[SLOTS];

  private Days() {}

  static String day(Instant t) {
    return of(epochDay(t)).day();
  }

  static String week(Instant t) {
    return of(epochDay(t)).week();
  }

  static long epochDay(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 86_400);
  }

  static String day(long epochDay) {
    return of(epochDay).day();
  }

  static String week(long epochDay) {
    return of(epochDay).week();
  }

  private static Day of(long epochDay) {
    int slot = Math.floorMod(epochDay, SLOTS);
    Day d = CACHE[slot];
    if (d == null || d.epochDay() != epochDay) {
      LocalDate date = LocalDate.ofEpochDay(epochDay);
      d = new Day(epochDay, date.toString(), IsoWeeks.of(date));
      CACHE[slot] = d;
    }
    return d;
  }
}
