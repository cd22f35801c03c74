package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.testing.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Erasure, metrics, and the API description. */
interface OpsContract extends ApiContext {

  @Test
  default void erase_rawActorId_removesEventsSentRawOrHashed() {
    String raw = "erase-me-" + UUID.randomUUID();
    Map<String, Object> sentRaw = Ev.recent(raw).json();
    Map<String, Object> sentHashed = Ev.recent(Privacy.sha256Form(raw)).json();
    Map<String, Object> other = Ev.recent("keep-" + UUID.randomUUID()).json();
    ingest(Json.write(List.of(sentRaw, sentHashed, other)));
    Http.Response r =
        http().delete("/actors/" + raw, "Authorization", "Bearer " + ApiFixture.ADMIN);
    assertEquals(200, r.status(), r.body());
    assertEquals(2L, json(r).get("deleted"));
    assertNull(row((String) sentRaw.get("event_id")));
    assertEquals(
        stored((String) other.get("actor_id")),
        row((String) other.get("event_id")).get("actor_id"));
  }

  @Test
  default void erase_removesDocumentsThatNameTheActorAtAnyDepth() {
    String raw = "erase-doc-" + UUID.randomUUID();
    String keep = "keep-doc-" + UUID.randomUUID();
    Http.Response posted =
        http()
            .post(
                "/rest/v1/events",
                Json.write(
                    List.of(
                        Map.of("meta", Map.of("actor_id", List.of(raw))),
                        Map.of("runs", List.of(Map.of("who", Map.of("actor_id", raw)))),
                        Map.of("meta", Map.of("actor_id", keep)))),
                "Content-Type",
                JSON,
                "apikey",
                ApiFixture.INGEST,
                "Prefer",
                "return=representation");
    assertEquals(201, posted.status(), posted.body());
    List<?> ids =
        ((List<?>) Json.parse(posted.body())).stream().map(r -> ((Map<?, ?>) r).get("id")).toList();

    Http.Response r =
        http().delete("/actors/" + raw, "Authorization", "Bearer " + ApiFixture.ADMIN);

    assertEquals(200, r.status(), r.body());
    assertEquals(2L, json(r).get("deleted"));
    assertNull(row((String) ids.get(0)));
    assertNull(row((String) ids.get(1)));
    assertEquals(Map.of("actor_id", stored(keep)), row((String) ids.get(2)).get("meta"));
  }

  @Test
  default void metrics_countEventsAndRequestLatency() {
    Map<String, Object> bad = Ev.recent("m").json();
    bad.remove("actor_id");
    ingest(Json.write(List.of(Ev.recent("m").json(), bad)));
    String text = http().get("/metrics").body();
    assertTrue(text.contains("cli_analytics_events_accepted_total "), text);
    assertTrue(text.contains("cli_analytics_events_rejected_total "), text);
    assertTrue(text.contains("cli_analytics_events_duplicate_total "), text);
    assertTrue(
        text.contains(
            "cli_analytics_http_request_duration_seconds_bucket{method=\"POST\",route=\"/ingest\""),
        text);
    assertTrue(text.contains("# TYPE cli_analytics_db_pool_active_connections gauge"), text);
  }

  @Test
  default void openapi_describesEveryEndpoint() {
    Map<?, ?> doc = (Map<?, ?>) Json.parse(http().get("/openapi.json").body());
    assertTrue(((String) doc.get("openapi")).startsWith("3.1"));
    Map<?, ?> paths = (Map<?, ?>) doc.get("paths");
    for (String path :
        List.of(
            "/health",
            "/ingest",
            "/rest/v1/events",
            "/actors/{actor_id}",
            "/admin/backup",
            "/metrics",
            "/openapi.json",
            "/docs")) {
      assertTrue(paths.containsKey(path), path);
    }
  }

  @Test
  default void docs_pageAndItsAssetsAreServedLocally() {
    String page = http().get("/docs").body();
    assertTrue(!page.contains("https://") && !page.contains("http://"), "no external assets");
    for (String src : List.of("swagger-ui-bundle.js", "swagger-ui.css")) {
      int at = page.indexOf(src);
      String url = page.substring(page.lastIndexOf('"', at) + 1, page.indexOf('"', at));
      assertEquals(200, http().get(url).status(), url);
    }
  }
}
