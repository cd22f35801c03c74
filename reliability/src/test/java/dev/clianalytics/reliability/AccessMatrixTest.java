package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.testing.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint by every token kind on PostgreSQL settings (INGEST_TOKENS, READ_TOKENS and
 * ADMIN_TOKEN set, anonymous ingest off), each token sent both as {@code Authorization: Bearer} and
 * as {@code apikey}. The expected answers are the table below; the server's log afterwards holds no
 * token, raw actor id or body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AccessMatrixTest {
  /** Expected status per endpoint (rows) and token kind (columns). */
  private static final String MATRIX =
      """
      method  path                               none  ingest  read  admin  wrong
      GET     /health                            200   200     200   200    200
      POST    /ingest                            401   200     403   200    401
      POST    /infer                             401   403     403   200    401
      GET     /reports/summary                   401   403     200   200    401
      GET     /reports/workflows/apply_workflow  401   403     200   200    401
      GET     /reports/hot-paths                 401   403     200   200    401
      GET     /reports/nsm                       401   403     200   200    401
      GET     /reports/versions                  401   403     200   200    401
      GET     /reports/recovery                  401   403     200   200    401
      GET     /reports/trends                    401   403     200   200    401
      GET     /workflows                         401   403     200   200    401
      DELETE  /actors/{actor_id}                 401   403     403   200    401
      POST    /admin/backup                      401   403     403   400    401
      POST    /rest/v1/events                    401   201     403   201    401
      POST    /v1/traces                         401   200     403   200    401
      GET     /rest/v1/events                    401   403     200   200    401
      POST    /capture/                          401   200     403   200    401
      POST    /i/v0/e/                           401   200     403   200    401
      POST    /e/                                401   200     403   200    401
      POST    /batch/                            401   200     403   200    401
      GET     /metrics                           200   200     200   200    200
      GET     /openapi.json                      200   200     200   200    200
      GET     /docs                              200   200     200   200    200
      GET     /                                  200   200     200   200    200
      """;

  private static final String WRONG = "wrong-tok-Ys2hN6bV8qA3";
  private static final String ACTOR = "matrixactor-Tq9r@example.com";
  private static final String BODY_MARKER = "matrixbody-Lp4c";

  private TokenedPostgresServer server;
  private Http http;

  @BeforeAll
  void start(@TempDir Path dir) {
    server = TokenedPostgresServer.start(getClass(), dir, Map.of());
    http = server.http();
  }

  /** After every request of both tests: nothing sent may show in the server's log. */
  @AfterAll
  void stop() {
    if (server == null) {
      return;
    }
    try {
      assertLogHoldsNoSecrets();
    } finally {
      server.close();
    }
  }

  @Test
  void everyEndpointByEveryTokenKind_answersAsTheTableSays_asBearerAndAsApikey() {
    List<AccessMatrix.Row> rows = AccessMatrix.parse(MATRIX);
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (AccessMatrix.Row row : rows) {
      for (AccessMatrix.Kind kind : AccessMatrix.Kind.values()) {
        for (String[] credential : credentials(kind)) {
          int status = send(row, credential).status();
          cells++;
          if (status != row.expected(kind)) {
            wrong.add(row.name() + " " + kind + " via " + credential[0] + ": " + status);
          }
        }
      }
    }
    System.out.println(
        "reliability: access matrix endpoints="
            + rows.size()
            + " requests="
            + cells
            + " wrong="
            + wrong.size());
    assertEquals(List.of(), wrong, "cells that differ from the table");
  }

  @Test
  void readEndpoints_areNeverReadableWithoutAValidToken() {
    String read = TokenedPostgresServer.READ;
    List<String[]> attempts =
        List.of(
            new String[] {"X-None", "-"},
            new String[] {"Authorization", "Bearer"},
            new String[] {"Authorization", "Bearer " + WRONG},
            new String[] {"Authorization", read},
            new String[] {"Authorization", "Basic " + base64(read)},
            new String[] {"Authorization", "Basic " + base64("user:" + read)},
            new String[] {"Authorization", "Bearer " + read.toUpperCase(java.util.Locale.ROOT)},
            new String[] {"Authorization", "Bearer " + read + "x"},
            new String[] {"Authorization", "Bearer " + read.substring(0, read.length() - 1)},
            new String[] {"apikey", "Bearer " + read},
            new String[] {"X-Api-Key", read},
            new String[] {"Cookie", "token=" + read},
            new String[] {"Authorization", "Bearer " + TokenedPostgresServer.INGEST});
    int checked = 0;
    for (AccessMatrix.Row row : AccessMatrix.parse(MATRIX)) {
      if (row.expected(AccessMatrix.Kind.READ) != 200
          || row.expected(AccessMatrix.Kind.NONE) == 200) {
        continue;
      }
      for (String[] attempt : attempts) {
        assertRefused(send(row, attempt), row.name() + " with " + attempt[0]);
        checked++;
      }
      String sep = row.path().contains("?") ? "&" : "?";
      for (String query : List.of("apikey=", "access_token=", "token=")) {
        Http.Response r = http.get(row.path() + sep + query + read);
        assertRefused(r, row.name() + " with the token in ?" + query);
        checked++;
      }
    }
    System.out.println(
        "reliability: access without a valid token, report reads refused=" + checked);
    assertTrue(checked >= 9 * 16, "every read endpoint was tried: " + checked);
  }

  private static void assertRefused(Http.Response r, String what) {
    assertTrue(r.status() == 401 || r.status() == 403, what + " answered " + r.status());
    assertTrue(
        r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
    Object status = ((Map<?, ?>) Json.parse(r.body())).get("status");
    assertEquals((long) r.status(), ((Number) status).longValue(), what);
  }

  private Http.Response send(AccessMatrix.Row row, String[] credential) {
    String[] headers =
        credential[0].equals("X-None")
            ? new String[] {"Content-Type", "application/json"}
            : new String[] {"Content-Type", "application/json", credential[0], credential[1]};
    String path = row.path().replace("{actor_id}", ACTOR.replace("@", "%40"));
    return switch (row.method()) {
      case "GET" -> http.get(path, headers);
      case "DELETE" -> http.delete(path, headers);
      case "POST" -> http.post(path, body(row.path()), headers);
      default -> throw new IllegalArgumentException("no method " + row.method() + " in the table");
    };
  }

  /** For each kind, the headers to try: the token as Bearer and as apikey (none: no header). */
  private static List<String[]> credentials(AccessMatrix.Kind kind) {
    String token =
        switch (kind) {
          case NONE -> null;
          case INGEST -> TokenedPostgresServer.INGEST;
          case READ -> TokenedPostgresServer.READ;
          case ADMIN -> TokenedPostgresServer.ADMIN;
          case WRONG -> WRONG;
        };
    if (token == null) {
      return List.<String[]>of(new String[] {"X-None", "-"});
    }
    return List.of(
        new String[] {"Authorization", "Bearer " + token}, new String[] {"apikey", token});
  }

  private static String body(String path) {
    Map<String, Object> event =
        Map.of(
            "timestamp",
            Instant.now().minusSeconds(120).toString(),
            "tool_name",
            "terraform",
            "command_path",
            List.of("terraform", "plan"),
            "exit_code",
            1,
            "actor_id",
            ACTOR,
            "error_message",
            "failed to read /home/bob/" + BODY_MARKER);
    return switch (path) {
      case "/ingest" -> Json.write(event);
      case "/rest/v1/events" -> Json.write(Map.of("payload", event));
      case "/v1/traces" -> otlpJson();
      case "/capture/", "/i/v0/e/", "/e/", "/batch/" -> posthog();
      default -> "";
    };
  }

  /** One OTLP/JSON span of a failed {@code terraform plan}, as an exporter sends it. */
  private static String otlpJson() {
    long start = (Instant.now().toEpochMilli() - 120_000) * 1_000_000L;
    String span =
        "{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"%016x\",\"name\":\"terraform\","
            + "\"kind\":1,\"startTimeUnixNano\":\"%d\",\"endTimeUnixNano\":\"%d\","
            + "\"status\":{\"code\":2,\"message\":\"failed to read /home/bob/%s\"},\"attributes\":["
            + "{\"key\":\"process.executable.name\",\"value\":{\"stringValue\":\"terraform\"}},"
            + "{\"key\":\"process.exit.code\",\"value\":{\"intValue\":\"1\"}},"
            + "{\"key\":\"enduser.id\",\"value\":{\"stringValue\":\"%s\"}}]}";
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
        + String.format(
            java.util.Locale.ROOT, span, start | 1, start, start + 1_000_000, BODY_MARKER, ACTOR)
        + "]}]}]}";
  }

  /** A PostHog batch of one command run, the key sent only in the header under test. */
  private static String posthog() {
    Map<String, Object> props =
        Map.of(
            "command",
            "terraform plan",
            "exit_code",
            1,
            "error_message",
            "failed to read /home/bob/" + BODY_MARKER);
    Map<String, Object> event =
        Map.of(
            "event",
            "cli_command",
            "distinct_id",
            ACTOR,
            "timestamp",
            Instant.now().minusSeconds(120).toString(),
            "properties",
            props);
    return Json.write(Map.of("batch", List.of(event)));
  }

  private void assertLogHoldsNoSecrets() {
    List<String> forbidden = new ArrayList<>(TokenedPostgresServer.tokens());
    forbidden.addAll(List.of(WRONG, ACTOR, "matrixactor", BODY_MARKER));
    Leaks leaks = new Leaks(forbidden);
    String log = server.log();
    leaks.scan("server log", log);
    assertTrue(log.contains("listening on port"), "the log was captured");
    assertEquals(List.of(), leaks.found());
    System.out.println(
        "reliability: access matrix log lines=" + log.lines().count() + " secrets_found=0");
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
