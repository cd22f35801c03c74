package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TabSeparatedTest {
  private static String escaped(String value) {
    StringBuilder out = new StringBuilder("prefix|");
    TabSeparated.escape(out, value);
    return out.toString();
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
  void escapedRowsParseBackToTheSameValues() {
    String[] values = {"a\tb", "\\N", "x\\y", "line\nnext\r", "", "ünïcødé ✓"};
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        row.append('\t');
      }
      TabSeparated.escape(row, values[i]);
    }
    List<String[]> parsed = TabSeparated.parse(row + "\n");
    assertEquals(1, parsed.size());
    assertArrayEquals(values, parsed.getFirst());
  }
}
