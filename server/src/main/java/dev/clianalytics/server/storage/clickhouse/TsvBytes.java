package dev.clianalytics.server.storage.clickhouse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code TabSeparated} rows built straight into UTF-8 bytes (see {@link TabSeparated} for the
 * escapes), so a body of rows is encoded once rather than built as text and then encoded.
 */
final class TsvBytes {
  private byte[] bytes;
  private int length;

  TsvBytes(int capacity) {
    bytes = new byte[capacity];
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

  /** Appends an ASCII character as it is. */
  void ascii(char c) {
    room(1);
    bytes[length++] = (byte) c;
  }

  /** Appends {@code raw} as it is (text that needs no escape, already in UTF-8). */
  void raw(byte[] raw) {
    room(raw.length);
    System.arraycopy(raw, 0, bytes, length, raw.length);
    length += raw.length;
  }

  /** Appends the decimal digits of {@code value}. */
  void decimal(long value) {
    if (value == Long.MIN_VALUE) {
      raw(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    room(20);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
      digits++;
    }
    // two digits a division, written from the last
    int at = length + digits;
    while (value >= 100) {
      long q = value / 100;
      int r = (int) (value - q * 100);
      bytes[--at] = (byte) ('0' + r % 10);
      bytes[--at] = (byte) ('0' + r / 10);
      value = q;
    }
    bytes[--at] = (byte) ('0' + value % 10);
    if (value >= 10) {
      bytes[--at] = (byte) ('0' + value / 10);
    }
    length += digits;
  }

  /** Appends {@code value} escaped, in UTF-8 (not null: derived rows have no NULLs). */
  void escaped(String value) {
    int n = value.length();
    room(2 * n); // enough while the characters are ASCII: an escape takes two bytes
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        // The rest in UTF-8: bytes of multi-byte sequences are all 0x80 or above, so only the
        // ASCII ones can need an escape (and unpaired surrogates become '?', as in String.getBytes)
        escapedUtf8(value.substring(i).getBytes(StandardCharsets.UTF_8));
        return;
      }
      escapeAscii(c);
    }
  }

  private void escapedUtf8(byte[] utf8) {
    room(2 * utf8.length);
    for (byte b : utf8) {
      if (b < 0) {
        bytes[length++] = b;
      } else {
        escapeAscii((char) b);
      }
    }
  }

  // Callers have made room for two bytes.
  private void escapeAscii(char c) {
    char escape =
        switch (c) {
          case '\\' -> '\\';
          case '\t' -> 't';
          case '\n' -> 'n';
          case '\r' -> 'r';
          default -> 0;
        };
    if (escape == 0) {
      bytes[length++] = (byte) c;
    } else {
      bytes[length++] = '\\';
      bytes[length++] = (byte) escape;
    }
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
