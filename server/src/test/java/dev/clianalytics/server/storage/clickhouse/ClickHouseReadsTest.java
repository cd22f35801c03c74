package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseReadsTest {
  @Test
  void bind_quotesTextEscapingQuoteAndBackslash_andLeavesQuestionMarksInLiteralsAlone() {
    String sql =
        ClickHouseReads.bind(
            "SELECT '?' FROM t WHERE tool = ? AND n >= ? AND ci = ?",
            List.of("x' OR 1 = 1 --\\", 3L, true));

    assertEquals(
        "SELECT '?' FROM t WHERE tool = 'x\\' OR 1 = 1 --\\\\' AND n >= 3 AND ci = 1", sql);
  }

  @Test
  void bind_moreOrFewerParametersThanPlaceholders_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ClickHouseReads.bind("? ?", List.of(1)));
    assertThrows(IllegalArgumentException.class, () -> ClickHouseReads.bind("?", List.of(1, 2)));
  }

  @Test
  void parse_unescapesFieldsAndReadsBackslashNAsNull() {
    String escaped = "a\\tb\\nc\\\\d";

    List<String[]> rows = TabSeparated.parse("name\tnext\n" + escaped + "\t\\N\n\t\n");

    assertEquals(3, rows.size());
    assertArrayEquals(new String[] {"name", "next"}, rows.get(0));
    assertEquals(Arrays.asList("a\tb\nc\\d", null), Arrays.asList(rows.get(1)));
    assertArrayEquals(new String[] {"", ""}, rows.get(2));
  }
}
