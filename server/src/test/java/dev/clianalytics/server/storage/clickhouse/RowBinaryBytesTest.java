package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowBinaryBytesTest {
  /** The format as ClickHouse documents it: unsigned LEB128 length, then the UTF-8 bytes. */
  private static byte[] expectedString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = utf8.length;
    do {
      int b = (int) (n & 0x7F);
      n >>>= 7;
      out.write(n == 0 ? b : b | 0x80);
    } while (n != 0);
    out.writeBytes(utf8);
    return out.toByteArray();
  }

  private static byte[] string(String value) {
    RowBinaryBytes out = new RowBinaryBytes(1);
    out.string(value);
    return out.take();
  }

  @Test
  void strings_areTheirUtf8Length_thenTheirBytes() {
    for (String s :
        new String[] {
          "", "deploy > build", "a\tb\n\\", "ünïcødé ✓", "a\uD83D\uDE80b", "x\uD800y", "é" + "a"
        }) {
      assertArrayEquals(expectedString(s), string(s), s);
    }
    assertArrayEquals(new byte[] {0}, string(""));
    assertArrayEquals(new byte[] {2, 'o', 'k'}, string("ok"));
  }

  @Test
  void strings_lengthsPastOneByte_takeMoreLengthBytes() {
    for (int n : new int[] {127, 128, 300, 16_383, 16_384, 70_000}) {
      String ascii = "a".repeat(n);
      assertArrayEquals(expectedString(ascii), string(ascii), "ascii " + n);
      String wide = "ü".repeat(n);
      assertArrayEquals(expectedString(wide), string(wide), "two-byte " + n);
    }
    assertArrayEquals(
        new byte[] {(byte) 0x80, 0x01}, java.util.Arrays.copyOf(string("a".repeat(128)), 2));
  }

  @Test
  void integers_areLittleEndianInTheirWidth() {
    Random random = new Random(11);
    RowBinaryBytes out = new RowBinaryBytes(1);
    ByteBuffer expected = ByteBuffer.allocate(13 * 1_000).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 1_000; i++) {
      long l = random.nextLong();
      int n = random.nextInt();
      int b = random.nextInt(2);
      out.int64(l);
      out.int32(n);
      out.uint8(b);
      expected.putLong(l).putInt(n).put((byte) b);
    }
    assertArrayEquals(expected.array(), out.take());
  }

  @Test
  void take_emptiesTheBuffer() {
    RowBinaryBytes out = new RowBinaryBytes(2);
    out.string("abc");
    assertEquals(4, out.take().length);
    assertEquals(0, out.length());
    out.uint8(1);
    assertArrayEquals(new byte[] {1}, out.take());
  }
}
