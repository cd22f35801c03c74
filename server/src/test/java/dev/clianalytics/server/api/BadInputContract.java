package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.testing.Http;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets the right 4xx as problem+json, and nothing is stored. */
interface BadInputContract extends IngestContract {

  /** Found by the endpoint fuzz test: a lone % in a path parameter was a 500. */
  @Test
  default void url_malformedPercentEncoding_is400BeforeRoutingOrAuth() {
    assertProblem(http().raw("GET /reports/workflows/% HTTP/1.1"), 400);
    assertProblem(http().raw("DELETE /actors/a%2 HTTP/1.1"), 400);
    assertProblem(http().raw("GET /reports/summary?from=% HTTP/1.1"), 400);
    assertProblem(http().raw("GET /rest/v1/events?limit=1%G0 HTTP/1.1"), 400);
  }

  @Test
  default void ingest_malformedJson_is400() {
    assertProblem(ingest("{\"tool_name\": "), 400);
  }

  @Test
  default void ingest_wrongTopLevelType_is400() {
    assertProblem(ingest("42"), 400);
    assertProblem(ingest("\"an event\""), 400);
    assertProblem(ingest("{\"events\": 3}"), 400);
  }

  @Test
  default void ingest_wrongFieldTypes_is400WithFields() {
    Map<String, Object> e = Ev.recent("x").json();
    e.put("command_path", "terraform plan");
    e.put("ci_detected", "yes");
    Http.Response r = ingest(Json.write(e));
    assertProblem(r, 400);
    assertEquals(2, ((List<?>) json(r).get("errors")).size());
  }

  @Test
  default void ingest_emptyBody_is400() {
    assertProblem(ingest(""), 400);
    assertProblem(ingest("  \n "), 400);
  }

  @Test
  default void ingest_invalidUtf8_is400() {
    byte[] body = Json.write(Ev.recent("x").json()).getBytes(StandardCharsets.UTF_8);
    body[20] = (byte) 0xC3;
    body[21] = (byte) 0x28;
    Http.Response r =
        http()
            .post(
                "/ingest",
                body,
                "Content-Type",
                JSON,
                "Authorization",
                "Bearer " + ApiFixture.INGEST);
    assertProblem(r, 400);
  }

  @Test
  default void ingest_deepNesting_is400() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertProblem(ingest(deep), 400);
    String deepField = "{\"tool_name\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(101);
    assertProblem(ingest(deepField), 400);
  }

  @Test
  default void ingest_wrongContentType_is415() {
    assertProblem(
        ingest(Json.write(Ev.recent("x").json()), "Content-Type", "application/xml"), 415);
    assertProblem(
        ingest(
            Json.write(Ev.recent("x").json()), "Content-Type", "multipart/form-data; boundary=x"),
        415);
    assertProblem(
        ingest(
            Json.write(Ev.recent("x").json()), "Content-Type", "application/json; charset=latin1"),
        415);
  }

  @Test
  default void ingest_unknownContentEncoding_is415() {
    assertProblem(ingest(Json.write(Ev.recent("x").json()), "Content-Encoding", "br"), 415);
  }

  @Test
  default void ingest_bodyOverMaxBodyBytes_is413() {
    char[] pad = new char[(int) ApiFixture.MAX_BODY + 10];
    Arrays.fill(pad, ' ');
    assertProblem(ingest(Json.write(Ev.recent("x").json()) + new String(pad)), 413);
  }

  @Test
  default void ingest_chunkedBodyOverMaxBodyBytes_is413() {
    char[] pad = new char[(int) ApiFixture.MAX_BODY + 10];
    Arrays.fill(pad, ' ');
    byte[] body = (Json.write(Ev.recent("x").json()) + new String(pad)).getBytes();
    Http.Response r = ingestChunked(body);
    assertProblem(r, 413);
  }

  @Test
  default void ingest_gzipThatInflatesOverMaxBodyBytes_is413() {
    char[] pad = new char[(int) ApiFixture.MAX_BODY * 4];
    Arrays.fill(pad, ' ');
    byte[] bomb =
        IngestContract.gzip((Json.write(Ev.recent("x").json()) + new String(pad)).getBytes());
    Http.Response r =
        http()
            .post(
                "/ingest",
                bomb,
                "Content-Type",
                JSON,
                "Content-Encoding",
                "gzip",
                "Authorization",
                "Bearer " + ApiFixture.INGEST);
    assertProblem(r, 413);
  }

  @Test
  default void ingest_invalidGzip_is400() {
    Http.Response r =
        http()
            .post(
                "/ingest",
                "not gzip".getBytes(StandardCharsets.UTF_8),
                "Content-Encoding",
                "gzip",
                "Authorization",
                "Bearer " + ApiFixture.INGEST);
    assertProblem(r, 400);
  }

  @Test
  default void ingest_moreThan10000Events_is413() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10_001; i++) {
      lines.add("{}");
    }
    assertProblem(ingest(String.join("\n", lines), "Content-Type", "application/x-ndjson"), 413);
    assertProblem(ingest("[" + String.join(",", lines) + "]"), 413);
    assertProblem(ingest(String.join("\n", lines)), 413);
  }

  @Test
  default void ingest_hugeNumber_is400NotSlow() {
    assertProblem(ingest("{\"exit_code\": " + "9".repeat(100_000) + "}"), 400);
  }

  @Test
  default void unknownRoute_is404Problem() {
    assertProblem(http().get("/nope"), 404);
  }

  @Test
  default void malformedUri_isProblemJsonEvenFromJetty() {
    assertProblem(http().raw("GET /actors/%zz HTTP/1.1"), 400);
  }

  /** Found by the endpoint fuzz test: Jetty wrote error bodies for GET, POST and HEAD only. */
  @Test
  default void jettyError_onAnyMethod_isProblemJson() {
    assertProblem(http().raw("DELETE * HTTP/1.1"), 400);
    assertProblem(http().raw("PUT /actors/%zz HTTP/1.1"), 400);
  }

  @Test
  default void wrongMethod_is405Problem() {
    assertProblem(http().get("/ingest"), 405);
  }
}
