package dev.clianalytics.core.sample;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What {@link SampleGenerator} makes: about {@code events} events from {@code actors} people and CI
 * runners over the {@code days} days that end on {@code endDate} (inclusive), reproducible for a
 * {@code seed}.
 */
public record SampleOptions(int events, int actors, int days, long seed, LocalDate endDate) {
  public SampleOptions {
    if (events < 1 || events > 50_000_000) {
      throw new IllegalArgumentException("events must be between 1 and 50000000, was " + events);
    }
    if (actors < 2 || actors > 1_000_000) {
      throw new IllegalArgumentException("actors must be between 2 and 1000000, was " + actors);
    }
    if (days < 1 || days > 89) {
      throw new IllegalArgumentException(
          "days must be between 1 and 89 (the server rejects events older than 90 days), was "
              + days);
    }
    Objects.requireNonNull(endDate, "endDate");
  }

  /** 20,000 events, 30 actors, 28 days, seed 42, ending today (UTC). */
  public static SampleOptions defaults(LocalDate today) {
    return new SampleOptions(20_000, 30, 28, 42, today);
  }
}
