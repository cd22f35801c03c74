package dev.clianalytics.server.storage.clickhouse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Reads rows in ClickHouse's {@code RowBinary} format straight from the response, the reverse of
 * {@link RowBinaryBytes}: the caller reads each column in the select list's order with the method
 * of its type, since the format carries no types. {@code Nullable(T)} is one byte (1 for NULL)
 * before a {@code T}, {@code Array(T)} an unsigned LEB128 count before its elements.
 *
 * <p>Short strings go through a small cache keyed by their bytes, so the values an event stream
 * repeats (actors, tools, versions, commands) are one {@code String} each, with its hash computed
 * once, rather than a new one a row.
 */
final class RowBinaryInput {
  private static final VarHandle INT64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int CACHED_LENGTH = 64;
  private static final byte[] HEX = new byte[256]; // a byte's hex digit value, or -1

  static {
    Arrays.fill(HEX, (byte) -1);
    for (int c = 0; c < 256; c++) {
      int d = Character.digit(c, 16);
      if (d >= 0) {
        HEX[c] = (byte) d;
      }
    }
  }

  private static final int CACHE_SLOTS = 4096; // a power of two

  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private final String[] cached = new String[CACHE_SLOTS];
  private final byte[][] cachedBytes = new byte[CACHE_SLOTS][];

  RowBinaryInput(InputStream in) {
    this.in = in;
  }

  /** Whether another row follows. */
  boolean more() throws IOException {
    return pos < limit || fill(1);
  }

  long int64() throws IOException {
    need(8);
    long v = (long) INT64.get(buf, pos);
    pos += 8;
    return v;
  }

  int int32() throws IOException {
    need(4);
    int v = (int) INT32.get(buf, pos);
    pos += 4;
    return v;
  }

  int uint8() throws IOException {
    need(1);
    return buf[pos++] & 0xFF;
  }

  /** Whether a {@code Nullable} value is NULL (then nothing follows it). */
  boolean isNull() throws IOException {
    return uint8() != 0;
  }

  Long nullableInt64() throws IOException {
    return isNull() ? null : int64();
  }

  String string() throws IOException {
    int n = length();
    need(n);
    String s = n <= CACHED_LENGTH ? cached(n) : new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  String nullableString() throws IOException {
    return isNull() ? null : string();
  }

  List<String> strings() throws IOException {
    int n = length();
    if (n == 0) {
      return List.of();
    }
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = string();
    }
    return List.of(out);
  }

  /**
   * A {@code String} holding a UUID's canonical text (as every stored event id is), parsed from its
   * bytes; any other text goes through {@link UUID#fromString}, which rejects what is not a UUID.
   */
  UUID uuidText() throws IOException {
    int n = length();
    need(n);
    int at = pos;
    pos += n;
    if (n == 36
        && buf[at + 8] == '-'
        && buf[at + 13] == '-'
        && buf[at + 18] == '-'
        && buf[at + 23] == '-') {
      long a = hex(at, 8);
      long b = hex(at + 9, 4);
      long c = hex(at + 14, 4);
      long d = hex(at + 19, 4);
      long e = hex(at + 24, 12);
      if ((a | b | c | d | e) >= 0) {
        return new UUID(a << 32 | b << 16 | c, d << 48 | e);
      }
    }
    return UUID.fromString(new String(buf, at, n, StandardCharsets.UTF_8));
  }

  // The value of count hex digits at buf[at], or -1 if one is not a hex digit.
  private long hex(int at, int count) {
    long v = 0;
    for (int i = at; i < at + count; i++) {
      int d = HEX[buf[i] & 0xFF];
      if (d < 0) {
        return -1;
      }
      v = v << 4 | d;
    }
    return v;
  }

  private String cached(int n) {
    // The slot from the length and the first and last eight bytes (all bytes when fewer): ids of
    // the same kind differ there, and the bytes are compared in full anyway.
    long h = n;
    if (n >= 8) {
      h = h * 0x9E3779B97F4A7C15L + (long) INT64.get(buf, pos);
      h = h * 0x9E3779B97F4A7C15L + (long) INT64.get(buf, pos + n - 8);
    } else {
      for (int i = pos; i < pos + n; i++) {
        h = h * 31 + buf[i];
      }
    }
    h *= 0x9E3779B97F4A7C15L;
    int slot = (int) (h >>> 40) & (CACHE_SLOTS - 1);
    byte[] bytes = cachedBytes[slot];
    if (bytes != null && Arrays.equals(bytes, 0, bytes.length, buf, pos, pos + n)) {
      return cached[slot];
    }
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    cachedBytes[slot] = Arrays.copyOfRange(buf, pos, pos + n);
    cached[slot] = s;
    return s;
  }

  // An unsigned LEB128 length, as strings and arrays carry.
  private int length() throws IOException {
    long v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = uint8();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (v > Integer.MAX_VALUE - 16) {
          throw new IOException("a RowBinary length of " + v + " bytes is too long");
        }
        return (int) v;
      }
    }
    throw new IOException("a RowBinary length longer than five bytes");
  }

  private void need(int n) throws IOException {
    if (limit - pos < n && !fill(n)) {
      throw new EOFException("the RowBinary response ended inside a row");
    }
  }

  // Reads until at least n bytes are buffered; false if the stream ends first.
  private boolean fill(int n) throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
    while (limit < n) {
      int read = in.read(buf, limit, buf.length - limit);
      if (read < 0) {
        return false;
      }
      limit += read;
    }
    return true;
  }
}
