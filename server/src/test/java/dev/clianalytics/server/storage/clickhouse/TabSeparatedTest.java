package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TabSeparatedTest {
  private static String escaped(String value) {
    TsvBytes out = new TsvBytes(4);
    out.raw("prefix|".getBytes(StandardCharsets.UTF_8));
    out.escaped(value);
    return new String(out.take(), StandardCharsets.UTF_8);
  }

  @Test
  void plainValuesAreCopiedAsTheyAre() {
    assertEquals("prefix|", escaped(""));
    assertEquals("prefix|deploy > build", escaped("deploy > build"));
  }

  @Test
  void specialCharactersAreEscapedWhereverTheyAre() {
    assertEquals("prefix|\\\\a\\tb\\nc\\rd", escaped("\\a\tb\nc\rd"));
    assertEquals("prefix|ab\\t", escaped("ab\t"));
    assertEquals("prefix|\\nab", escaped("\nab"));
  }

  @Test
  void specialCharactersAfterNonAsciiTextAreEscapedToo() {
    assertEquals("prefix|ü\\tx\\\\✓\\n", escaped("ü\tx\\✓\n"));
    assertEquals("prefix|a\uD83D\uDE80\\rb", escaped("a\uD83D\uDE80\rb"));
    assertEquals("prefix|x?\\t", escaped("x\uD800\t"));
  }

  @Test
  void numbersAreWrittenInDecimal() {
    java.util.List<Long> numbers =
        new java.util.ArrayList<>(
            List.of(0L, 7L, 10L, 99L, 100L, -1L, -10L, 123456789L, Long.MAX_VALUE, Long.MIN_VALUE));
    for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
      numbers.addAll(List.of(p - 1, p, p + 1, -p, 10 * p - 1));
    }
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 1_000; i++) {
      numbers.add(random.nextLong() >> random.nextInt(64));
    }
    TsvBytes out = new TsvBytes(1);
    for (long n : numbers) {
      out.decimal(n);
      assertEquals(Long.toString(n), new String(out.take(), StandardCharsets.US_ASCII));
    }
  }

  @Test
  void takeEmptiesTheBuffer() {
    TsvBytes out = new TsvBytes(2);
    out.escaped("abc");
    assertEquals(3, out.take().length);
    assertEquals(0, out.length());
    out.ascii('x');
    assertArrayEquals(new byte[] {'x'}, out.take());
  }

  @Test
  void escapedRowsParseBackToTheSameValues() {
    String[] values = {"a\tb", "\\N", "x\\y", "line\nnext\r", "", "ünïcødé ✓"};
    TsvBytes row = new TsvBytes(8);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        row.ascii('\t');
      }
      row.escaped(values[i]);
    }
    row.ascii('\n');
    List<String[]> parsed = TabSeparated.parse(new String(row.take(), StandardCharsets.UTF_8));
    assertEquals(1, parsed.size());
    assertArrayEquals(values, parsed.getFirst());
  }
}
