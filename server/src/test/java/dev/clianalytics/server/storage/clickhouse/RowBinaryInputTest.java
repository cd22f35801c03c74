package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reading back what {@link RowBinaryBytes} writes, the format ClickHouse sends and receives. */
class RowBinaryInputTest {
  /** Hands out at most one byte a read, so every value straddles a refill of the buffer. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  private static RowBinaryInput input(RowBinaryBytes written, boolean oneByteAtATime) {
    byte[] bytes = written.take();
    return new RowBinaryInput(oneByteAtATime ? trickle(bytes) : new ByteArrayInputStream(bytes));
  }

  @Test
  void integersAndStrings_readBackAsWritten_howeverTheStreamIsCut() throws IOException {
    Random random = new Random(5);
    List<Object> values = new ArrayList<>();
    RowBinaryBytes out = new RowBinaryBytes(16);
    for (int i = 0; i < 2_000; i++) {
      switch (random.nextInt(4)) {
        case 0 -> {
          long v = random.nextLong();
          out.int64(v);
          values.add(v);
        }
        case 1 -> {
          int v = random.nextInt();
          out.int32(v);
          values.add(v);
        }
        case 2 -> {
          int v = random.nextInt(256);
          out.uint8(v);
          values.add((short) v);
        }
        default -> {
          int n = new int[] {0, 1, 63, 64, 65, 127, 128, 16_384, 70_000}[random.nextInt(9)];
          String v = (random.nextBoolean() ? "ü" : "a").repeat(n);
          out.string(v);
          values.add(v);
        }
      }
    }
    byte[] bytes = out.take();
    for (boolean trickle : new boolean[] {false, true}) {
      RowBinaryInput in =
          new RowBinaryInput(trickle ? trickle(bytes) : new ByteArrayInputStream(bytes));
      for (Object expected : values) {
        Object actual =
            switch (expected) {
              case Long l -> in.int64();
              case Integer i -> in.int32();
              case Short s -> (short) in.uint8();
              default -> in.string();
            };
        assertEquals(expected, actual);
      }
      assertFalse(in.more());
    }
  }

  @Test
  void nullablesAndArrays_followTheirFlagAndCount() throws IOException {
    RowBinaryBytes out = new RowBinaryBytes(16);
    out.uint8(1); // NULL string: nothing follows
    out.uint8(0);
    out.string("v1.2");
    out.uint8(1); // NULL Int64
    out.uint8(0);
    out.int64(42);
    out.uint8(3); // Array(String) of three
    out.string("git");
    out.string("commit");
    out.string("");
    out.uint8(0); // empty array
    RowBinaryInput in = input(out, true);
    assertNull(in.nullableString());
    assertEquals("v1.2", in.nullableString());
    assertNull(in.nullableInt64());
    assertEquals(42L, in.nullableInt64());
    assertEquals(List.of("git", "commit", ""), in.strings());
    assertEquals(List.of(), in.strings());
    assertFalse(in.more());
  }

  @Test
  void repeatedShortStrings_areOneInstance_andEqualHashesStillCompareBytes() throws IOException {
    RowBinaryBytes out = new RowBinaryBytes(16);
    // "Aa" and "BB" have the same String hash, so they fall in the same cache slot
    for (String s : new String[] {"actor-1", "actor-1", "Aa", "BB", "Aa", "x".repeat(65)}) {
      out.string(s);
    }
    out.string("x".repeat(65));
    RowBinaryInput in = input(out, false);
    String first = in.string();
    assertSame(first, in.string());
    String aa = in.string();
    String bb = in.string();
    assertEquals("Aa", aa);
    assertEquals("BB", bb);
    assertEquals("Aa", in.string());
    String long1 = in.string();
    String long2 = in.string();
    assertEquals(long1, long2);
    assertNotSame(long1, long2); // past the cached length: decoded each time
  }

  @Test
  void uuidText_parsesCanonicalText_andRejectsWhatIsNoUuid() throws IOException {
    Random random = new Random(9);
    List<UUID> ids = new ArrayList<>();
    RowBinaryBytes out = new RowBinaryBytes(16);
    for (int i = 0; i < 1_000; i++) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      ids.add(id);
      out.string(i % 2 == 0 ? id.toString() : id.toString().toUpperCase(java.util.Locale.ROOT));
    }
    out.string("0-0-0-0-1"); // not canonical, but UUID.fromString accepts it
    out.string("g2345678-1234-1234-1234-123456789012");
    RowBinaryInput in = input(out, false);
    for (UUID id : ids) {
      assertEquals(id, in.uuidText());
    }
    assertEquals(new UUID(0, 1), in.uuidText());
    assertThrows(IllegalArgumentException.class, in::uuidText);
  }

  @Test
  void aStreamEndingInsideARow_isAnError() throws IOException {
    RowBinaryBytes out = new RowBinaryBytes(16);
    out.string("complete");
    out.int64(7);
    byte[] bytes = out.take();
    RowBinaryInput in =
        new RowBinaryInput(new ByteArrayInputStream(java.util.Arrays.copyOf(bytes, 13)));
    assertTrue(in.more());
    assertEquals("complete", in.string());
    assertThrows(EOFException.class, in::int64);

    RowBinaryBytes cut = new RowBinaryBytes(16);
    cut.string("x".repeat(300));
    byte[] cutBytes = cut.take();
    RowBinaryInput inString =
        new RowBinaryInput(
            new ByteArrayInputStream(java.util.Arrays.copyOf(cutBytes, cutBytes.length - 1)));
    assertThrows(EOFException.class, inString::string);
  }

  @Test
  void aLengthOfMoreThanFiveBytes_isAnError() {
    byte[] bytes = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
    RowBinaryInput in = new RowBinaryInput(new ByteArrayInputStream(bytes));
    assertThrows(IOException.class, in::string);
  }
}
