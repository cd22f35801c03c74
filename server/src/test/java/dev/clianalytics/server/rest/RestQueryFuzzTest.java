package dev.clianalytics.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.http.ApiProblem;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile PostgREST query strings: the parser answers every one with a parsed query or a 400
 * PostgREST error (never another exception), and deep or long input is refused, not recursed into.
 */
class RestQueryFuzzTest {
  private static final String[] TOKENS = {
    "id", "payload", "->", "->>", "tool_name", "0", ".", ",", "(", ")", "\"", "\\", "eq", "neq",
    "gt", "lte", "like", "ilike", "in", "is", "not", "or", "and", "null", "true", "git", "*", "%",
    "asc", "desc", "nullsfirst", "2026-01-01T00:00:00Z", "", " ", "\u00fc", "\u0000", "x"
  };
  private static final String[] KEYS = {
    "id",
    "payload->>tool_name",
    "payload->a->>b",
    "or",
    "and",
    "not.or",
    "not.and",
    "order",
    "limit",
    "offset",
    "select",
    "payload",
    "nosuch",
    "payload->",
    "payload->>a->b"
  };

  @Test
  void randomQueries_parseOrAre400() {
    Random random = new Random(20);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder value = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        value.append(TOKENS[random.nextInt(TOKENS.length)]);
      }
      Map<String, List<String>> params =
          Map.of(KEYS[random.nextInt(KEYS.length)], List.of(value.toString()));
      try {
        RestQuery.of(params);
        parsed++;
      } catch (ApiProblem e) {
        assertEquals(400, e.status(), params + ": " + e.getMessage());
        assertTrue(e.toJson().containsKey("code"), "PostgREST clients read code: " + params);
      }
    }
    assertTrue(parsed > 100, "the fuzz must also reach valid queries, reached " + parsed);
  }

  @Test
  void deepOrLongInput_isRefusedWithPgrst100() {
    String deep = "(" + "or(".repeat(100_000) + "id.is.null" + ")".repeat(100_000) + ")";
    ApiProblem nested =
        assertThrows(ApiProblem.class, () -> RestQuery.of(Map.of("or", List.of(deep))));
    assertEquals("PGRST100", nested.toJson().get("code"));
    String wide = "(" + "id.is.null,".repeat(5_000) + "id.is.null)";
    ApiProblem many =
        assertThrows(ApiProblem.class, () -> RestQuery.of(Map.of("or", List.of(wide))));
    assertEquals("PGRST100", many.toJson().get("code"));
    String path = "payload" + "->a".repeat(1_000);
    ApiProblem longPath =
        assertThrows(ApiProblem.class, () -> RestQuery.of(Map.of(path, List.of("eq.1"))));
    assertEquals("PGRST100", longPath.toJson().get("code"));
  }

  @Test
  void nul_isRefusedAs22021() {
    ApiProblem e =
        assertThrows(
            ApiProblem.class, () -> RestQuery.of(Map.of("payload->>a\0b", List.of("eq.x"))));
    assertEquals("22021", e.toJson().get("code"));
    ApiProblem v =
        assertThrows(
            ApiProblem.class, () -> RestQuery.of(Map.of("payload->>a", List.of("eq.x\0"))));
    assertEquals("22021", v.toJson().get("code"));
  }

  @Test
  void valuesNeverEchoed_inErrors() {
    ApiProblem e =
        assertThrows(
            ApiProblem.class,
            () -> RestQuery.of(Map.of("payload->>timestamp", List.of("gt.secret-value-123"))));
    assertTrue(!e.toJson().toString().contains("secret-value-123"), e.toJson().toString());
    ApiProblem op =
        assertThrows(
            ApiProblem.class, () -> RestQuery.of(Map.of("id", List.of("xeq.secret-value-123"))));
    assertTrue(!op.toJson().toString().contains("secret-value-123"), op.toJson().toString());
  }
}
