package dev.clianalytics.server.storage.clickhouse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in ClickHouse's {@code RowBinary} format, built straight into bytes: each value in its
 * column's order, integers little-endian in their type's width ({@code Int32}, {@code Int64},
 * {@code UInt8} for booleans, {@code UInt64}) and a {@code String} as its UTF-8 length (unsigned
 * LEB128) then its bytes. Nothing to escape, no digits to format: ClickHouse 18.16 and current
 * releases read it alike. The writer must call the width of each column's type exactly, since the
 * format carries no types (docs/scaling-out.md).
 */
final class RowBinaryBytes {
  private static final VarHandle INT64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes;
  private int length;

  RowBinaryBytes(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  int length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0;
  }

  /** The bytes so far, copied; then empty again. */
  byte[] take() {
    byte[] out = Arrays.copyOf(bytes, length);
    length = 0;
    return out;
  }

  /**
   * The rows so far, copied in the order {@code order} gives (row numbers from 0), row {@code i}
   * ending at {@code ends[i]}; then empty again.
   */
  byte[] take(int[] ends, int[] order) {
    byte[] out = new byte[length];
    int at = 0;
    for (int row : order) {
      int from = row == 0 ? 0 : ends[row - 1];
      int n = ends[row] - from;
      System.arraycopy(bytes, from, out, at, n);
      at += n;
    }
    if (at != length) {
      throw new IllegalStateException(at + " bytes in rows of " + length);
    }
    length = 0;
    return out;
  }

  /** An {@code Int64} or {@code UInt64}: eight bytes. */
  void int64(long value) {
    room(8);
    INT64.set(bytes, length, value);
    length += 8;
  }

  /** An {@code Int32}: four bytes. */
  void int32(int value) {
    room(4);
    INT32.set(bytes, length, value);
    length += 4;
  }

  /** A {@code UInt8}: one byte. */
  void uint8(int value) {
    room(1);
    bytes[length++] = (byte) value;
  }

  /** A {@code String}: the UTF-8 length, then the bytes (unpaired surrogates become '?'). */
  void string(String value) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      if (value.charAt(i) >= 0x80) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        room(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return;
      }
    }
    varint(n); // ASCII: a byte a character
    room(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) value.charAt(i);
    }
  }

  private void varint(int value) {
    room(5);
    while ((value & ~0x7F) != 0) {
      bytes[length++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[length++] = (byte) value;
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
