package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.testing.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The PostgREST-compatible sink: {@code POST/GET /rest/v1/events}. */
interface RestContract extends ApiContext {

  private Http.Response insert(String body, String... extra) {
    String[] all = new String[extra.length + 4];
    all[0] = "Content-Type";
    all[1] = JSON;
    all[2] = "apikey";
    all[3] = ApiFixture.INGEST;
    System.arraycopy(extra, 0, all, 4, extra.length);
    return http().post("/rest/v1/events", body, all);
  }

  @Test
  default void rest_payloadRow_isStoredAndAnswers201WithoutBody() {
    Map<String, Object> e = Ev.recent("rest-" + UUID.randomUUID()).json();
    Http.Response r = insert(Json.write(Map.of("payload", e)));
    assertEquals(201, r.status(), r.body());
    assertEquals("", r.body());
    assertEquals(
        stored((String) e.get("actor_id")), row((String) e.get("event_id")).get("actor_id"));
  }

  @Test
  default void rest_bareObjectsArray_areStoredAsEvents() {
    Map<String, Object> a = Ev.recent("a").json();
    Map<String, Object> b = Ev.recent("b").json();
    assertEquals(201, insert(Json.write(List.of(a, b))).status());
    assertNotNull(row((String) a.get("event_id")));
    assertNotNull(row((String) b.get("event_id")));
  }

  @Test
  default void rest_returnRepresentation_answersStoredRows() {
    Map<String, Object> e = Ev.recent("rep").json();
    Http.Response r =
        insert(Json.write(List.of(Map.of("payload", e))), "Prefer", "return=representation");
    assertEquals(201, r.status());
    Map<?, ?> row = (Map<?, ?>) ((List<?>) Json.parse(r.body())).getFirst();
    assertEquals(e.get("event_id"), row.get("id"));
    assertEquals(stored("rep"), ((Map<?, ?>) row.get("payload")).get("actor_id"));
  }

  @Test
  default void rest_singleObjectAccept_answersOneObject() {
    Http.Response r =
        insert(
            Json.write(Map.of("payload", Ev.recent("one").json())),
            "Prefer",
            "return=representation",
            "Accept",
            "application/vnd.pgrst.object+json");
    assertEquals(201, r.status());
    assertTrue(Json.parse(r.body()) instanceof Map<?, ?>);
  }

  @Test
  default void rest_singleObjectAcceptForTwoRows_is406AndStoresNothing() {
    Map<String, Object> a = Ev.recent("single-a").json();
    Map<String, Object> doc = Map.of("kind", "single-" + UUID.randomUUID());
    Http.Response r =
        insert(
            Json.write(List.of(Map.of("payload", a), Map.of("payload", doc))),
            "Prefer",
            "return=representation",
            "Accept",
            "application/vnd.pgrst.object+json");

    assertEquals(406, r.status(), r.body());
    assertNull(row((String) a.get("event_id")));
    assertFalse(rows().toString().contains((String) doc.get("kind")));
  }

  @Test
  default void rest_mixedRows_answerInRequestOrderAndAreAllStored() {
    Map<String, Object> a = Ev.recent("mixed-a").json();
    Map<String, Object> b = Ev.recent("mixed-b").json();
    Http.Response r =
        insert(
            Json.write(List.of(a, Map.of("kind", "mixed"), b, Map.of("kind", "mixed-2"))),
            "Prefer",
            "return=representation");

    assertEquals(201, r.status(), r.body());
    List<?> out = (List<?>) Json.parse(r.body());
    assertEquals(a.get("event_id"), ((Map<?, ?>) out.get(0)).get("id"));
    assertEquals(b.get("event_id"), ((Map<?, ?>) out.get(2)).get("id"));
    assertEquals("mixed", row((String) ((Map<?, ?>) out.get(1)).get("id")).get("kind"));
    assertEquals("mixed-2", row((String) ((Map<?, ?>) out.get(3)).get("id")).get("kind"));
  }

  @Test
  default void rest_otherDocument_isStoredAsDocument() {
    Map<String, Object> doc =
        Map.of("command", "ai-do", "weeks", List.of(Map.of("week", "2026-W03")));
    Http.Response r = insert(Json.write(Map.of("payload", doc)), "Prefer", "return=representation");
    String id = (String) ((Map<?, ?>) ((List<?>) Json.parse(r.body())).getFirst()).get("id");
    assertEquals("ai-do", row(id).get("command"));
  }

  @Test
  default void rest_document_isStoredSanitized() {
    Map<String, Object> doc =
        Map.of(
            "command",
            "ai-do",
            "note",
            "uploaded from /home/dora/reports by dora@example.com",
            "api_token",
            "plain-looking-value",
            "meta",
            Map.of("actor_id", "dora@example.com"));
    Http.Response r = insert(Json.write(Map.of("payload", doc)), "Prefer", "return=representation");
    assertEquals(201, r.status());
    String id = (String) ((Map<?, ?>) ((List<?>) Json.parse(r.body())).getFirst()).get("id");
    Map<?, ?> stored = row(id);
    assertEquals("ai-do", stored.get("command"));
    assertEquals("uploaded from <path> by <email>", stored.get("note"));
    assertEquals("<secret>", stored.get("api_token"));
    String actor = (String) ((Map<?, ?>) stored.get("meta")).get("actor_id");
    assertTrue(actor.matches("[0-9a-f]{64}"), actor);
    assertFalse(r.body().contains("dora"), r.body());
  }

  @Test
  default void rest_invalidEvent_is400AndStoresNothing() {
    Map<String, Object> good = Ev.recent("good").json();
    Map<String, Object> bad = Ev.recent("bad").json();
    bad.remove("timestamp");
    Http.Response r = insert(Json.write(List.of(good, bad)));
    assertEquals(400, r.status());
    assertTrue(r.contentType().startsWith("application/problem+json"));
    Map<?, ?> error = (Map<?, ?>) ((List<?>) json(r).get("errors")).getFirst();
    assertEquals(List.of(1L, "timestamp"), List.of(error.get("index"), error.get("field")));
    assertNotNull(json(r).get("message"), "PostgREST clients read message");
    assertNull(row((String) good.get("event_id")));
  }

  @Test
  default void rest_get_pagesWithLimitAndOffset() {
    insert(
        Json.write(
            List.of(Ev.recent("p1").json(), Ev.recent("p2").json(), Ev.recent("p3").json())));
    String read = "Bearer " + ApiFixture.READ;
    List<?> firstTwo =
        (List<?>)
            Json.parse(
                http().get("/rest/v1/events?select=*&limit=2", "Authorization", read).body());
    Http.Response next = http().get("/rest/v1/events?limit=2&offset=1", "Authorization", read);
    assertEquals(2, firstTwo.size());
    assertEquals(
        ((Map<?, ?>) firstTwo.get(1)).get("id"),
        ((Map<?, ?>) ((List<?>) Json.parse(next.body())).getFirst()).get("id"));
    assertEquals("1-2/*", next.headers().get("content-range"));
  }

  /** Found by the endpoint fuzz test: limit=0 reached storage, which needs 1+, and was a 500. */
  @Test
  default void rest_get_limitZero_answersAnEmptyPage() {
    insert(Json.write(List.of(Ev.recent("z1").json())));
    Http.Response r =
        http().get("/rest/v1/events?limit=0", "Authorization", "Bearer " + ApiFixture.READ);
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of(), Json.parse(r.body()));
  }

  @Test
  default void rest_get_idThatIsNotAUuid_is400WithPostgrestCode() {
    Http.Response r =
        http().get("/rest/v1/events?id=eq.1", "Authorization", "Bearer " + ApiFixture.READ);
    assertEquals(400, r.status());
    assertEquals("22P02", json(r).get("code"));
  }

  private static Map<String, Object> tool(String name, String actor) {
    Map<String, Object> e = new java.util.LinkedHashMap<>(Ev.recent(actor).json());
    e.put("tool_name", name);
    return e;
  }

  @Test
  default void rest_get_filtersOrdersAndCounts_with206AndContentRange() {
    // tool names of this test only: the store is shared by the contract's tests
    String t = "t" + UUID.randomUUID().toString().substring(0, 8);
    List<Map<String, Object>> rows =
        List.of(tool(t + "-a", "f1"), tool(t + "-b", "f2"), tool(t + "-c", "f3"));
    assertEquals(201, insert(Json.write(rows)).status());
    Http.Response r =
        http()
            .get(
                "/rest/v1/events?payload-%3E%3Etool_name=in.("
                    + t
                    + "-c,"
                    + t
                    + "-a)"
                    + "&order=payload-%3E%3Etool_name.desc",
                "Authorization",
                "Bearer " + ApiFixture.READ,
                "Prefer",
                "count=exact",
                "Range",
                "0-0");
    assertEquals(206, r.status(), r.body());
    assertEquals("0-0/2", r.headers().get("content-range"));
    List<?> page = (List<?>) Json.parse(r.body());
    assertEquals(rows.get(2).get("event_id"), ((Map<?, ?>) page.getFirst()).get("id"));
    Http.Response all =
        http()
            .get(
                "/rest/v1/events?or=(payload-%3E%3Etool_name.eq."
                    + t
                    + "-b,payload-%3E%3Etool_name.eq."
                    + t
                    + "-a)",
                "Authorization",
                "Bearer " + ApiFixture.READ,
                "Prefer",
                "count=exact");
    assertEquals(200, all.status(), all.body());
    assertEquals("0-1/2", all.headers().get("content-range"));
  }

  @Test
  default void rest_get_errorsCarryPostgrestCodes() {
    String read = "Bearer " + ApiFixture.READ;
    Http.Response column = http().get("/rest/v1/events?nosuch=eq.1", "Authorization", read);
    assertEquals(400, column.status());
    assertEquals("42703", json(column).get("code"));
    assertTrue(json(column).containsKey("details") && json(column).containsKey("hint"));
    Http.Response op =
        http().get("/rest/v1/events?payload-%3E%3Ea=xeq.secret-1", "Authorization", read);
    assertEquals("PGRST100", json(op).get("code"));
    assertFalse(op.body().contains("secret-1"), "values are never echoed");
    Http.Response past =
        http().get("/rest/v1/events?offset=50", "Authorization", read, "Prefer", "count=exact");
    assertEquals(416, past.status());
    assertEquals("PGRST103", json(past).get("code"));
    Http.Response single =
        http()
            .get(
                "/rest/v1/events?payload-%3E%3Etool_name=eq.nope",
                "Authorization", read, "Accept", "application/vnd.pgrst.object+json");
    assertEquals(406, single.status());
    assertEquals("PGRST116", json(single).get("code"));
  }

  @Test
  default void rest_get_csvAnswersIdAndPayload() {
    Map<String, Object> e = Ev.recent("csv1").json();
    insert(Json.write(List.of(e)));
    Http.Response r =
        http()
            .get(
                "/rest/v1/events?id=eq." + e.get("event_id"),
                "Authorization",
                "Bearer " + ApiFixture.READ,
                "Accept",
                "text/csv");
    assertEquals(200, r.status());
    assertTrue(r.body().startsWith("id,payload\n\"" + e.get("event_id") + "\",\"{"), r.body());
  }

  @Test
  default void rest_malformedBody_is400() {
    assertEquals(400, insert("{\"payload\":").status());
    assertEquals(400, insert("[1, 2]").status());
  }
}
