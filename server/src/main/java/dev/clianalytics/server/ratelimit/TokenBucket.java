package dev.clianalytics.server.ratelimit;

/**
 * One client's allowance: up to {@code capacity} permits, refilled continuously at {@code
 * perSecond}. Times are {@link System#nanoTime()} values passed in, so tests drive the clock.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double perSecond;
  private final double capacity;
  private double permits;
  private long updated;

  /** A full bucket as of {@code now}. */
  TokenBucket(int perSecond, int capacity, long now) {
    if (perSecond < 1 || capacity < 1) {
      throw new IllegalArgumentException("a bucket needs a rate and a capacity of at least 1");
    }
    this.perSecond = perSecond;
    this.capacity = capacity;
    this.permits = capacity;
    this.updated = now;
  }

  /** Takes one permit and answers 0, or takes nothing and answers the nanoseconds until one. */
  synchronized long take(long now) {
    refill(now);
    if (permits >= 1) {
      permits -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - permits) / perSecond * NANOS_PER_SECOND));
  }

  /** Returns a permit taken for a request that another limit then refused. */
  synchronized void giveBack() {
    permits = Math.min(capacity, permits + 1);
  }

  /** True when the bucket has refilled completely: forgetting it then changes nothing. */
  synchronized boolean fullAt(long now) {
    refill(now);
    return permits >= capacity;
  }

  private void refill(long now) {
    long elapsed = now - updated;
    if (elapsed > 0) {
      permits = Math.min(capacity, permits + elapsed * perSecond / NANOS_PER_SECOND);
      updated = now;
    }
  }
}
