package dev.clianalytics.server.storage.postgres;

import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.copy.CopyOut;

/**
 * Reads PostgreSQL's binary COPY stream: big-endian integers and length-prefixed fields, across
 * however the server split the stream into messages (one row per message in practice).
 */
final class CopyBinaryReader {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
  };

  private final CopyOut copy;
  private byte[] buffer = new byte[0];
  private int position;
  private int limit;

  CopyBinaryReader(CopyOut copy) {
    this.copy = copy;
  }

  /** Checks the signature and skips the flags and header extension. */
  void header() throws SQLException {
    need(SIGNATURE.length + 8);
    if (!Arrays.equals(
        buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
      throw new SQLException("not a binary COPY stream");
    }
    skip(SIGNATURE.length + 4);
    int extension = int32();
    need(extension);
    skip(extension);
  }

  /** After the trailer: the server must have nothing more to send. */
  void end() throws SQLException {
    if (position < limit || copy.readFromCopy() != null) {
      throw new SQLException("unexpected data after the end of the binary COPY stream");
    }
  }

  /** Makes sure {@code n} more bytes are in {@link #buffer} from {@link #position}. */
  void need(int n) throws SQLException {
    while (limit - position < n) {
      byte[] message = copy.readFromCopy();
      if (message == null) {
        throw new SQLException("binary COPY stream ended inside a row");
      }
      if (position == limit) {
        buffer = message;
        position = 0;
        limit = message.length;
      } else {
        byte[] joined = Arrays.copyOfRange(buffer, position, limit + message.length);
        System.arraycopy(message, 0, joined, limit - position, message.length);
        buffer = joined;
        limit = joined.length;
        position = 0;
      }
    }
  }

  byte[] buffer() {
    return buffer;
  }

  int position() {
    return position;
  }

  void skip(int n) {
    position += n;
  }

  /** Reads a field length and checks it is the fixed size {@code n} of the expected type. */
  void length(int n) throws SQLException {
    int actual = int32();
    if (actual != n) {
      throw new SQLException("binary COPY field of " + actual + " bytes, expected " + n);
    }
  }

  int int8() throws SQLException {
    need(1);
    return buffer[position++];
  }

  int int16() throws SQLException {
    need(2);
    int v = ((buffer[position] & 0xff) << 8) | (buffer[position + 1] & 0xff);
    position += 2;
    return (short) v;
  }

  int int32() throws SQLException {
    need(4);
    int v = int32(buffer, position);
    position += 4;
    return v;
  }

  long int64() throws SQLException {
    need(8);
    long v = ((long) int32(buffer, position) << 32) | (int32(buffer, position + 4) & 0xffffffffL);
    position += 8;
    return v;
  }

  static int int32(byte[] b, int p) {
    return ((b[p] & 0xff) << 24)
        | ((b[p + 1] & 0xff) << 16)
        | ((b[p + 2] & 0xff) << 8)
        | (b[p + 3] & 0xff);
  }

  /** A cursor over a field already in memory, such as the elements of an array value. */
  static final class Slice {
    private final byte[] bytes;
    private int position;

    Slice(byte[] bytes, int position) {
      this.bytes = bytes;
      this.position = position;
    }

    int int32() {
      int v = CopyBinaryReader.int32(bytes, position);
      position += 4;
      return v;
    }

    int position() {
      return position;
    }

    void skip(int n) {
      position += n;
    }
  }
}
