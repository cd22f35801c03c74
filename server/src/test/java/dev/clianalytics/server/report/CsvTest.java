package dev.clianalytics.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTest {

  private static String one(Object value) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("v", value);
    String csv = Csv.write(List.of(row));
    return csv.substring("v\r\n".length(), csv.length() - 2);
  }

  @Test
  void write_cellsStartingWithAFormulaCharacter_getALeadingQuote() {
    assertEquals(
        "\"'=HYPERLINK(\"\"http://evil.example/x\"\",\"\"click\"\")\"",
        one("=HYPERLINK(\"http://evil.example/x\",\"click\")"));
    assertEquals("'+1+2", one("+1+2"));
    assertEquals("'-2+3", one("-2+3"));
    assertEquals("'@SUM(A1)", one("@SUM(A1)"));
    assertEquals("'\tx", one("\tx"));
    assertEquals("\"'\rx\"", one("\rx"));
  }

  @Test
  void write_numbers_stayNumbers() {
    assertEquals("-3", one(-3L));
    assertEquals("-0.25", one(-0.25));
    assertEquals("7", one(7));
  }

  @Test
  void write_headersAndJoinedListsAreNeutralisedToo() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("=x", List.of("-a", "b"));
    assertEquals("'=x\r\n'-a;b\r\n", Csv.write(List.of(row)));
  }

  @Test
  void write_ordinaryText_isUnchanged() {
    assertEquals("terraform plan > terraform apply!", one("terraform plan > terraform apply!"));
    assertEquals("\"a,b\"", one("a,b"));
  }
}
