package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** {@code POST /ingest}: every body shape and rule of docs/server.md. */
interface IngestContract extends ApiContext {

  @Test
  default void health_databaseUp_answersOkWithVersion() {
    Http.Response r = http().get("/health");
    assertEquals(200, r.status());
    assertEquals("ok", json(r).get("status"));
    assertEquals("ok", json(r).get("database"));
    assertNotNull(json(r).get("version"));
  }

  @Test
  default void ingest_singleObject_isAccepted() {
    Http.Response r = ingest(Json.write(Ev.recent("alice").json()));
    assertEquals(200, r.status(), r.body());
    assertEquals(Map.of("accepted", 1L, "duplicates", 0L, "rejected", List.of()), json(r));
  }

  @Test
  default void ingest_array_acceptsEveryEvent() {
    Http.Response r =
        ingest(
            Json.write(
                List.of(Ev.recent("a").json(), Ev.recent("b").json(), Ev.recent("c").json())));
    assertEquals(3L, json(r).get("accepted"));
  }

  @Test
  default void ingest_eventsWrapper_acceptsEveryEvent() {
    Http.Response r =
        ingest(Json.write(Map.of("events", List.of(Ev.recent("a").json(), Ev.recent("b").json()))));
    assertEquals(2L, json(r).get("accepted"));
  }

  @Test
  default void ingest_ndjson_acceptsEveryLine() {
    String body =
        Json.write(Ev.recent("a").json()) + "\n\n" + Json.write(Ev.recent("b").json()) + "\n";
    Http.Response r = ingest(body, "Content-Type", "application/x-ndjson");
    assertEquals(2L, json(r).get("accepted"), r.body());
  }

  @Test
  default void ingest_ndjsonSentAsJson_isStillRead() {
    Http.Response r =
        ingest(Json.write(Ev.recent("a").json()) + "\n" + Json.write(Ev.recent("b").json()));
    assertEquals(2L, json(r).get("accepted"), r.body());
  }

  @Test
  default void ingest_gzipBody_isDecompressed() {
    byte[] body =
        gzip(
            Json.write(List.of(Ev.recent("a").json(), Ev.recent("b").json()))
                .getBytes(StandardCharsets.UTF_8));
    Http.Response r =
        http()
            .post(
                "/ingest",
                body,
                "Content-Type",
                JSON,
                "Content-Encoding",
                "gzip",
                "Authorization",
                "Bearer " + ApiFixture.INGEST);
    assertEquals(2L, json(r).get("accepted"), r.body());
  }

  @Test
  default void ingest_chunkedBody_isReadWhole() {
    // One event 300 times: a body of many reads that stores one row (other tests count rows).
    Map<String, Object> event = Ev.recent("chunked").json();
    byte[] body =
        Json.write(Map.of("events", java.util.Collections.nCopies(300, event)))
            .getBytes(StandardCharsets.UTF_8);
    assertTrue(body.length > 64 * 1024, "a body of several reads: " + body.length);
    Http.Response r = ingestChunked(body);
    assertEquals(200, r.status(), r.body());
    assertEquals(
        List.of(1L, 299L), List.of(json(r).get("accepted"), json(r).get("duplicates")), r.body());
  }

  @Test
  default void ingest_duplicateEventId_countsOnce() {
    Map<String, Object> e = Ev.recent("dup").json();
    Http.Response first = ingest(Json.write(List.of(e, e)));
    Http.Response again = ingest(Json.write(e));
    assertEquals(
        List.of(1L, 1L), List.of(json(first).get("accepted"), json(first).get("duplicates")));
    assertEquals(
        List.of(0L, 1L), List.of(json(again).get("accepted"), json(again).get("duplicates")));
  }

  @Test
  default void ingest_eventWithoutId_getsOneFromTheServer() {
    Map<String, Object> e = Ev.recent("no-id-" + UUID.randomUUID()).json();
    e.remove("event_id");
    ingest(Json.write(e));
    String storedActor = stored((String) e.get("actor_id"));
    long found =
        rows().stream()
            .map(r -> (Map<?, ?>) r)
            .filter(r -> storedActor.equals(((Map<?, ?>) r.get("payload")).get("actor_id")))
            .filter(r -> UUID.fromString((String) r.get("id")) != null)
            .count();
    assertEquals(1, found);
  }

  @Test
  default void ingest_storedEvent_hasServerPrivacyForm() {
    Map<String, Object> e = Ev.recent("alice@example.com").json();
    e.put("command_path", List.of("git", "checkout", "feature/login"));
    // A value no hex digest or random UUID in the stored row can contain by chance ("abc" could).
    e.put("flags_present", List.of("--token=zqSecretValue", "--force"));
    ingest(Json.write(e));
    Map<?, ?> stored = row((String) e.get("event_id"));
    assertEquals(stored("alice@example.com"), stored.get("actor_id"));
    assertEquals("git", ((List<?>) stored.get("command_path")).getFirst());
    assertTrue(
        !stored.toString().contains("feature/login") && !stored.toString().contains("zqSecret"),
        stored.toString());
  }

  @Test
  default void ingest_mixedBatch_storesGoodOnesAndRejectsBadOnesByIndexAndField() {
    Map<String, Object> bad = Ev.recent("x").json();
    bad.put("exit_code", "zero");
    bad.remove("tool_name");
    Http.Response r =
        ingest(Json.write(List.of(Ev.recent("a").json(), bad, Ev.recent("b").json())));
    assertEquals(200, r.status());
    assertEquals(2L, json(r).get("accepted"));
    Map<?, ?> rejected = (Map<?, ?>) ((List<?>) json(r).get("rejected")).getFirst();
    assertEquals(1L, rejected.get("index"));
    List<Object> fields = new ArrayList<>();
    ((List<?>) rejected.get("errors")).forEach(err -> fields.add(((Map<?, ?>) err).get("field")));
    assertEquals(List.of("tool_name", "exit_code"), fields);
  }

  @Test
  default void ingest_onlyInvalidEvents_answers400ProblemWithIndexFieldMessage() {
    Map<String, Object> bad = Ev.recent("x").json();
    bad.put("duration_ms", -1);
    Http.Response r = ingest(Json.write(List.of(bad)));
    assertProblem(r, 400);
    Map<?, ?> error = (Map<?, ?>) ((List<?>) json(r).get("errors")).getFirst();
    assertEquals(0L, error.get("index"));
    assertEquals("duration_ms", error.get("field"));
    assertNotNull(error.get("message"));
  }

  @Test
  default void ingest_emptyArray_acceptsNothing() {
    assertEquals(0L, json(ingest("[]")).get("accepted"));
  }

  default void assertProblem(Http.Response r, int status) {
    assertEquals(status, r.status(), r.body());
    assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    Map<?, ?> p = json(r);
    assertEquals((long) status, p.get("status"));
    assertNotNull(p.get("type"));
    assertNotNull(p.get("title"));
    assertNotNull(p.get("detail"));
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
