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

  @Test
  void write_quotesCommasLineBreaks_areQuotedWithQuotesDoubled() {
    assertEquals("\"say \"\"hi\"\"\"", one("say \"hi\""));
    assertEquals("\"line one\nline two\"", one("line one\nline two"));
    assertEquals("\"a\rb\"", one("a\rb"));
    assertEquals("\"\"\"\"", one("\""));
  }

  @Test
  void write_headerUnionInFirstSeenOrder_missingAndNullCellsEmpty() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("name", "plan, apply");
    first.put("count", 2L);
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("extra", "x");
    second.put("name", null);
    assertEquals(
        "name,count,extra\r\n\"plan, apply\",2,\r\n,,x\r\n", Csv.write(List.of(first, second)));
  }

  @Test
  void write_nestedObjectsBecomeColumns_listsOfObjectsJoined() {
    Map<String, Object> outcomes = new LinkedHashMap<>();
    outcomes.put("SUCCESS", 3L);
    outcomes.put("FAILED", 1L);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("workflow", "apply_workflow");
    row.put("outcomes", outcomes);
    row.put(
        "next", List.of(Map.of("command", "terraform plan"), Map.of("command", "git \"push\"")));
    assertEquals(
        "workflow,SUCCESS,FAILED,next\r\napply_workflow,3,1,\"terraform plan;git \"\"push\"\"\"\r\n",
        Csv.write(List.of(row)));
  }

  @Test
  void write_noRows_isAnEmptyHeaderLine() {
    assertEquals("\r\n", Csv.write(List.of()));
  }
}
