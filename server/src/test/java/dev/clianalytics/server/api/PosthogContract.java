package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** PostHog's capture API (docs/posthog.md) on every storage. */
interface PosthogContract extends ApiContext {

  static String event(String name, String id, String props) {
    return "{\"event\":\""
        + name
        + "\",\"distinct_id\":\"user-1\",\"uuid\":\""
        + id
        + "\",\"timestamp\":\""
        + Instant.now().minusSeconds(60)
        + "\",\"properties\":{"
        + props
        + "}}";
  }

  static String batch(String token, String... events) {
    return "{\"api_key\":\"" + token + "\",\"batch\":[" + String.join(",", events) + "]}";
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  default Http.Response capture(String path, String body) {
    return http().post(path, body, "Content-Type", JSON);
  }

  @Test
  default void batch_withApiKeyInBody_storesTheCommandRunAndDropsThePageview() {
    String id = UUID.randomUUID().toString();
    Http.Response r =
        capture(
            "/batch/",
            batch(
                ApiFixture.INGEST,
                event(
                    "cli_command",
                    id,
                    "\"command\":\"data-marts:list\",\"cli\":\"owox\",\"exit_code\":1,"
                        + "\"$lib\":\"posthog-node\",\"$current_url\":\"https://secret.example\""),
                event("$pageview", UUID.randomUUID().toString(), "\"$current_url\":\"x\"")));
    assertEquals(200, r.status(), r.body());
    Map<?, ?> body = json(r);
    assertEquals(1L, ((Number) body.get("status")).longValue());
    assertEquals(1L, ((Number) body.get("accepted")).longValue());
    assertEquals(1L, ((Number) body.get("dropped")).longValue());
    Map<?, ?> row = row(id);
    assertEquals("owox", row.get("tool_name"));
    assertEquals(List.of("owox", "data-marts", "list"), row.get("command_path"));
    assertEquals(1L, ((Number) row.get("exit_code")).longValue());
    assertEquals(stored("user-1"), row.get("actor_id"));
    assertTrue(!row.toString().contains("secret.example"), row.toString());
  }

  @Test
  default void everyCapturePath_withOrWithoutTrailingSlash_answersStatus1() {
    for (String path :
        List.of("/capture/", "/capture", "/i/v0/e/", "/i/v0/e", "/e/", "/e", "/batch", "/batch/")) {
      String id = UUID.randomUUID().toString();
      String single =
          event("cli_command", id, "\"command\":\"git push\",\"success\":true")
              .replaceFirst("\\{", "{\"api_key\":\"" + ApiFixture.INGEST + "\",");
      Http.Response r = capture(path, single);
      assertEquals(200, r.status(), path + ": " + r.body());
      assertEquals(List.of("git", "push"), row(id).get("command_path"), path);
    }
  }

  @Test
  default void arrayOfEvents_withTokenProperty_isAccepted() {
    String id = UUID.randomUUID().toString();
    String body =
        "["
            + event(
                "cli_command",
                id,
                "\"command\":[\"npm\",\"audit\"],\"status\":\"error\",\"token\":\""
                    + ApiFixture.INGEST
                    + "\"")
            + "]";
    assertEquals(200, capture("/e/", body).status());
    assertEquals(1L, ((Number) row(id).get("exit_code")).longValue());
  }

  @Test
  default void gzipByHeaderAndByGzipJsQuery_areBothRead() {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    byte[] one = gzip(batch(ApiFixture.INGEST, event("cli_command", a, run("tf plan"))));
    byte[] two = gzip(batch(ApiFixture.INGEST, event("cli_command", b, run("tf apply"))));
    assertEquals(
        200,
        http().post("/batch/", one, "Content-Type", JSON, "Content-Encoding", "gzip").status());
    assertEquals(
        200,
        http().post("/batch/?compression=gzip-js", two, "Content-Type", "text/plain").status());
    assertEquals("tf", row(a).get("tool_name"));
    assertEquals("tf", row(b).get("tool_name"));
  }

  private static String run(String command) {
    return "\"command\":\"" + command + "\",\"exit_code\":0";
  }

  @Test
  default void bearerToken_authorizesABodyWithoutKey() {
    String id = UUID.randomUUID().toString();
    Http.Response r =
        http()
            .postJson(
                "/batch/",
                "{\"batch\":[" + event("cli_command", id, run("make build")) + "]}",
                ApiFixture.INGEST);
    assertEquals(200, r.status(), r.body());
  }

  @Test
  default void missingOrUnknownOrReadOnlyKey_isRefusedAndNothingStored() {
    String id = UUID.randomUUID().toString();
    String e = event("cli_command", id, run("make build"));
    assertEquals(401, capture("/batch/", "{\"batch\":[" + e + "]}").status());
    assertEquals(401, capture("/batch/", batch("phc_unknown", e)).status());
    assertEquals(403, capture("/batch/", batch(ApiFixture.READ, e)).status());
    assertNull(row(id));
  }

  @Test
  default void onlyEventsThatAreNotCommandRuns_areDroppedWith200() {
    Http.Response r =
        capture(
            "/batch/",
            batch(
                ApiFixture.INGEST,
                "{\"event\":\"$identify\",\"distinct_id\":\"u\",\"$set\":{\"email\":\"a@b.c\"}}",
                event("$pageview", UUID.randomUUID().toString(), "")));
    assertEquals(200, r.status());
    assertEquals(2L, ((Number) json(r).get("dropped")).longValue());
    assertTrue(!rows().toString().contains("a@b.c"));
    Http.Response metrics = http().get("/metrics");
    assertTrue(
        metrics.body().contains("cli_analytics_protocol_events_total{protocol=\"posthog\""),
        metrics.body());
  }

  @Test
  default void propertiesOfTheTable_becomeTheEventFields() {
    String id = UUID.randomUUID().toString();
    capture(
        "/batch/",
        batch(
            ApiFixture.INGEST,
            event(
                "command_completed",
                id,
                "\"cmd\":\"deploy\",\"tool\":\"acme\",\"ok\":false,\"duration_s\":1.5,"
                    + "\"flags\":\"force,-v\",\"ci\":\"github-actions\",\"cli_version\":\"2.1.0\","
                    + "\"$exception_type\":\"Timeout\",\"$device_id\":\"dev-9\"")));
    Map<?, ?> row = row(id);
    assertEquals(List.of("acme", "deploy"), row.get("command_path"));
    assertEquals(1L, ((Number) row.get("exit_code")).longValue());
    assertEquals(1500L, ((Number) row.get("duration_ms")).longValue());
    assertEquals(List.of("--force", "-v"), row.get("flags_present"));
    assertEquals(true, row.get("ci_detected"));
    assertEquals("2.1.0", row.get("tool_version"));
    assertEquals("Timeout", row.get("error_type"));
    assertEquals(stored("dev-9"), row.get("machine_id"));
  }

  @Test
  default void startMarker_isAcceptedButNotListedAsAnEvent() {
    String id = UUID.randomUUID().toString();
    Http.Response r =
        capture(
            "/batch/",
            batch(ApiFixture.INGEST, event("command_started", id, "\"command\":\"tf apply\"")));
    assertEquals(200, r.status(), r.body());
    assertEquals(1L, ((Number) json(r).get("accepted")).longValue());
    assertNull(row(id));
  }

  @Test
  default void negativeExitCode_isAnOrdinaryRun_andTheMarkerCodeIsRefused() {
    String id = UUID.randomUUID().toString();
    Http.Response r =
        capture(
            "/batch/",
            batch(
                ApiFixture.INGEST,
                event("cli_command", id, "\"command\":\"tf plan\",\"exit_code\":-1"),
                event(
                    "cli_command",
                    UUID.randomUUID().toString(),
                    "\"command\":\"tf plan\",\"exit_code\":-2147483648")));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("\"index\":1"), r.body());
    assertEquals(-1L, ((Number) row(id).get("exit_code")).longValue());
  }

  @Test
  default void oneBadCommandEvent_isRejectedByIndexAndFieldWhileTheGoodOneIsStored() {
    String good = UUID.randomUUID().toString();
    Http.Response r =
        capture(
            "/batch/",
            batch(
                ApiFixture.INGEST,
                event("cli_command", good, run("tf plan")),
                event(
                    "cli_command",
                    UUID.randomUUID().toString(),
                    "\"command\":\"tf plan\",\"exit_code\":\"boom\"")));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("\"index\":1"), r.body());
    assertTrue(r.body().contains("exit_code"), r.body());
    assertEquals("tf", row(good).get("tool_name"));
  }

  @Test
  default void badInput_getsA4xxNamingTheProblem() {
    String t = ApiFixture.INGEST;
    String future = Instant.now().plusSeconds(86_400 * 400).toString();
    String noActor =
        "{\"event\":\"cli_command\",\"properties\":{\"command\":\"a b\",\"exit_code\":0}}";
    String deep = "[".repeat(200) + "]".repeat(200);
    assertProblem(capture("/batch/", "{\"api_key\":\"" + t + "\",\"batch\":{}}"), 400, "batch");
    assertProblem(capture("/batch/", batch(t, "42")), 400, "event object");
    assertProblem(
        capture("/batch/", batch(t, noActor.replace("{\"event\"", "{\"uuid\":\"x\",\"event\""))),
        400,
        "event_id");
    assertProblem(capture("/batch/", batch(t, noActor)), 400, "actor_id");
    assertProblem(
        capture(
            "/batch/",
            batch(
                t,
                event("cli_command", UUID.randomUUID().toString(), run("a b"))
                    .replaceFirst("\"timestamp\":\"[^\"]+\"", "\"timestamp\":\"" + future + "\""))),
        400,
        "timestamp");
    assertProblem(capture("/batch/", deep), 400, "");
    assertProblem(capture("/batch/", "\"just a string\""), 400, "PostHog");
    assertProblem(http().post("/batch/", "not gzip", "Content-Encoding", "gzip"), 400, "gzip");
    assertProblem(http().post("/batch/?compression=lz64", "x"), 415, "compression");
    StringBuilder huge = new StringBuilder("{\"api_key\":\"" + t + "\",\"batch\":[");
    for (int i = 0; i < 10_001; i++) {
      huge.append(i == 0 ? "" : ",").append("{}");
    }
    assertProblem(capture("/batch/", huge.append("]}").toString()), 413, "10000");
  }

  @Test
  default void openapi_listsTheCapturePaths() {
    Map<?, ?> paths = (Map<?, ?>) ((Map<?, ?>) json(http().get("/openapi.json"))).get("paths");
    for (String path : List.of("/capture/", "/i/v0/e/", "/e/", "/batch/")) {
      assertTrue(paths.containsKey(path), path);
    }
  }

  private void assertProblem(Http.Response r, int status, String mentions) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    assertTrue(r.body().contains(mentions), r.body());
  }
}
