package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TabSeparatedTest {
  @Test
  void escapedFieldsParseBackToTheirValues() {
    String row = "a\\tb\t\\\\N\tx\\\\y\tline\\nnext\\r\t\tünïcødé ✓\n";
    List<String[]> parsed = TabSeparated.parse(row);
    assertEquals(1, parsed.size());
    assertArrayEquals(
        new String[] {"a\tb", "\\N", "x\\y", "line\nnext\r", "", "ünïcødé ✓"}, parsed.getFirst());
  }

  @Test
  void backslashNIsNull_andRowsEndAtNewlines() {
    List<String[]> parsed = TabSeparated.parse("1\t\\N\n2\tb\n");
    assertEquals(2, parsed.size());
    assertArrayEquals(new String[] {"1", null}, parsed.get(0));
    assertArrayEquals(new String[] {"2", "b"}, parsed.get(1));
  }
}
