package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.server.storage.derived.DerivedRows;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Hands out seqs without a database sequence, which ClickHouse lacks: microseconds of a clock that
 * never goes back (and never below what is already stored), times 1024, plus a random tag of this
 * process, so instances sharing a database never hand out the same seq. Seqs grow in arrival order
 * within an instance and stay below 2^63 until the year 2250.
 */
final class SeqClock {
  static final int TAGS = 1024;

  private final Clock clock;
  private final int tag;
  private long lastMicros;

  SeqClock(Clock clock) {
    this(clock, new SecureRandom().nextInt(TAGS));
  }

  SeqClock(Clock clock, int tag) {
    if (tag < 0 || tag >= TAGS) {
      throw new IllegalArgumentException("tag must be 0 to " + (TAGS - 1) + ", was " + tag);
    }
    this.clock = clock;
    this.tag = tag;
  }

  /** Makes every later seq greater than {@code storedSeq}. */
  synchronized void atLeast(long storedSeq) {
    lastMicros = Math.max(lastMicros, storedSeq / TAGS);
  }

  /** The first of {@code count} consecutive seqs, each {@link #TAGS} apart: see {@link #nth}. */
  synchronized long reserve(int count) {
    long now = DerivedRows.micros(clock.instant());
    long first = Math.max(now, lastMicros + 1);
    lastMicros = first + count - 1;
    return first * TAGS + tag;
  }

  /** The {@code i}-th seq of a reservation that started at {@code first}. */
  static long nth(long first, int i) {
    return first + (long) i * TAGS;
  }
}
