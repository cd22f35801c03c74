package dev.clianalytics.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parse_object_keepsKeyOrderAndTypes() {
    Object value = Json.parse("{\"b\": 1, \"a\": [true, null, 2.5, \"x\"], \"c\": {}}");
    Map<?, ?> map = assertInstanceOf(Map.class, value);
    assertEquals(List.of("b", "a", "c"), List.copyOf(map.keySet()));
    assertEquals(1L, map.get("b"));
    assertEquals(java.util.Arrays.asList(true, null, 2.5, "x"), map.get("a"));
    assertEquals(Map.of(), map.get("c"));
  }

  @Test
  void parse_hugeInteger_becomesBigInteger() {
    assertEquals(
        new BigInteger("123456789012345678901234567890"),
        Json.parse("123456789012345678901234567890"));
    assertEquals(Long.MAX_VALUE, Json.parse(Long.toString(Long.MAX_VALUE)));
    assertEquals(Long.MIN_VALUE, Json.parse(Long.toString(Long.MIN_VALUE)));
  }

  @Test
  void parse_escapes_decodesSurrogatePairs() {
    assertEquals(
        "a\"b\\c/\n\t\u00e9\uD83D\uDE00",
        Json.parse("\"a\\\"b\\\\c\\/\\n\\t\\u00e9\\ud83d\\ude00\""));
  }

  @Test
  void parse_null_isJavaNull() {
    assertNull(Json.parse(" null "));
  }

  @Test
  void parse_malformedInputs_throwWithOffset() {
    for (String bad :
        List.of(
            "",
            "   ",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "{a:1}",
            "01",
            "1.",
            "-",
            "\"unterminated",
            "\"bad \\x escape\"",
            "tru",
            "[1] 2",
            "\"ctrl \u0001\"",
            "{\"a\":1,}")) {
      JsonException e = assertThrows(JsonException.class, () -> Json.parse(bad), bad);
      assertTrue(e.offset() >= 0 && e.offset() <= bad.length(), bad);
    }
  }

  @Test
  void parse_deepNesting_isRefusedBeyondTheLimit() {
    String ok = "[".repeat(64) + "]".repeat(64);
    assertInstanceOf(List.class, Json.parse(ok));
    String tooDeep = "[".repeat(65) + "]".repeat(65);
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(tooDeep));
    assertTrue(e.getMessage().contains("nested deeper than 64"));
  }

  @Test
  void parse_hundredThousandOpeningBrackets_failsWithoutStackOverflow() {
    assertThrows(JsonException.class, () -> Json.parse("[".repeat(100_000)));
  }

  @Test
  void write_escapesControlCharactersAndQuotes() {
    assertEquals("\"a\\\"\\\\\\n\\u0001\"", Json.write("a\"\\\n\u0001"));
    assertEquals(
        "{\"k\":[1,2.5,null,true]}",
        Json.write(Map.of("k", java.util.Arrays.asList(1L, 2.5, null, true))));
  }

  @Property
  void writeThenParse_roundTripsAnyString(@ForAll String s) {
    assertEquals(s, Json.parse(Json.write(s)));
  }

  @Property
  void writeThenParse_roundTripsAnyLong(@ForAll long n) {
    assertEquals(n, Json.parse(Json.write(n)));
  }
}
