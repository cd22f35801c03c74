package dev.clianalytics.server.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The buckets of one limit, by hashed client key, never more than about {@code maxKeys} of them. A
 * bucket that has refilled completely is the same as a new one, so idle clients are forgotten at no
 * cost; only a flood of more distinct clients than {@code maxKeys} within one refill period forces
 * forgetting partly drained buckets (those clients then get a fresh burst).
 */
final class Buckets {
  /** How often idle buckets are swept even when the map is far from full. */
  private static final long SWEEP_INTERVAL_NANOS = 60_000_000_000L;

  private final int perSecond;
  private final int capacity;
  private final int maxKeys;
  private final Map<ClientKey, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final ReentrantLock sweeping = new ReentrantLock();
  private volatile long lastSweep;

  Buckets(int perSecond, int capacity, int maxKeys, long now) {
    if (maxKeys < 4) {
      throw new IllegalArgumentException("maxKeys must be at least 4, was " + maxKeys);
    }
    this.perSecond = perSecond;
    this.capacity = capacity;
    this.maxKeys = maxKeys;
    this.lastSweep = now;
  }

  /** Takes a permit for {@code key}: 0 when granted, else the nanoseconds until one is free. */
  long take(ClientKey key, long now) {
    TokenBucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= maxKeys || now - lastSweep > SWEEP_INTERVAL_NANOS) {
        sweep(now);
      }
      bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, capacity, now));
    }
    return bucket.take(now);
  }

  /** Returns the permit {@link #take} just granted {@code key}. */
  void giveBack(ClientKey key) {
    TokenBucket bucket = buckets.get(key);
    if (bucket != null) {
      bucket.giveBack();
    }
  }

  int size() {
    return buckets.size();
  }

  /** Forgets full buckets; if that is not enough, forgets any until a quarter of room is free. */
  private void sweep(long now) {
    if (!sweeping.tryLock()) {
      return;
    }
    try {
      lastSweep = now;
      buckets.values().removeIf(b -> b.fullAt(now));
      Iterator<ClientKey> keys = buckets.keySet().iterator();
      while (buckets.size() > maxKeys * 3 / 4 && keys.hasNext()) {
        keys.next();
        keys.remove();
      }
    } finally {
      sweeping.unlock();
    }
  }
}
