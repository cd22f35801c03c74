package dev.clianalytics.server.storage.postgres;

import java.util.Arrays;

/**
 * Remembers what recently seen byte sequences decoded to, so values that repeat across rows are
 * decoded once and shared. Direct-mapped by hash with a fixed number of slots: a collision simply
 * replaces the slot, so memory stays fixed however many distinct values pass by.
 */
final class BytesCache<T> {
  /** Longer values are always decoded: they rarely repeat and would make the slots large. */
  private static final int MAX_LENGTH = 256;

  @FunctionalInterface
  interface Decoder<T> {
    T decode(byte[] bytes, int offset, int length);
  }

  private final byte[][] keys;
  private final Object[] values;
  private final int mask;

  /** A cache of {@code slots} entries, a power of two. */
  BytesCache(int slots) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, was " + slots);
    }
    keys = new byte[slots][];
    values = new Object[slots];
    mask = slots - 1;
  }

  @SuppressWarnings("unchecked") // values[i] is only ever set from decoder, which returns a T
  T get(byte[] bytes, int offset, int length, Decoder<T> decoder) {
    if (length > MAX_LENGTH) {
      return decoder.decode(bytes, offset, length);
    }
    int h = length;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + bytes[i];
    }
    int slot = (h ^ (h >>> 16)) & mask;
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, bytes, offset, offset + length)) {
      return (T) values[slot];
    }
    T value = decoder.decode(bytes, offset, length);
    keys[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
    values[slot] = value;
    return value;
  }
}
