package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.testing.Http;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/server.md auth: which token kind may do what; 401 missing or unknown, 403 wrong kind. */
interface AuthContract extends ApiContext {

  private Http.Response postIngest(String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = JSON;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return http().post("/ingest", Json.write(Ev.recent("auth").json()), all);
  }

  @Test
  default void auth_ingestWithoutToken_is401() {
    Http.Response r = postIngest();
    assertEquals(401, r.status());
    assertEquals("Bearer", r.headers().get("www-authenticate"));
  }

  @Test
  default void auth_ingestWithUnknownToken_is401() {
    assertEquals(401, postIngest("Authorization", "Bearer nope").status());
  }

  @Test
  default void auth_ingestWithReadToken_is403() {
    assertEquals(403, postIngest("Authorization", "Bearer " + ApiFixture.READ).status());
  }

  @Test
  default void auth_ingestWithEitherIngestToken_is200() {
    assertEquals(200, postIngest("Authorization", "Bearer " + ApiFixture.INGEST).status());
    assertEquals(200, postIngest("Authorization", "Bearer ingest-token-2").status());
  }

  @Test
  default void auth_ingestWithApikeyHeader_is200() {
    assertEquals(200, postIngest("apikey", ApiFixture.INGEST).status());
  }

  @Test
  default void auth_inferWithIngestToken_is403() {
    Http.Response r = http().post("/infer", "", "Authorization", "Bearer " + ApiFixture.INGEST);
    assertEquals(403, r.status(), r.body());
    assertEquals(403, http().post("/infer?full=true", "", "apikey", ApiFixture.INGEST).status());
    assertEquals(
        403, http().post("/infer", "", "Authorization", "Bearer " + ApiFixture.READ).status());
  }

  @Test
  default void auth_inferWithAdminToken_isAllowed() {
    Http.Response r = http().post("/infer", "", "Authorization", "Bearer " + ApiFixture.ADMIN);
    // the in-memory fake keeps no derived tables, so only the refusals are checked here
    assertFalse(r.status() == 401 || r.status() == 403, r.body());
  }

  @Test
  default void auth_adminToken_mayIngestReadAndErase() {
    String admin = "Bearer " + ApiFixture.ADMIN;
    assertEquals(200, postIngest("Authorization", admin).status());
    assertEquals(200, http().get("/rest/v1/events?limit=1", "Authorization", admin).status());
    assertEquals(200, http().delete("/actors/nobody", "Authorization", admin).status());
  }

  @Test
  default void auth_readWithIngestToken_is403() {
    Http.Response r = http().get("/rest/v1/events", "Authorization", "Bearer " + ApiFixture.INGEST);
    assertEquals(403, r.status());
  }

  @Test
  default void auth_readWithReadToken_is200() {
    assertEquals(200, http().get("/rest/v1/events?limit=1", "apikey", ApiFixture.READ).status());
  }

  @Test
  default void auth_eraseWithReadToken_is403() {
    assertEquals(
        403, http().delete("/actors/x", "Authorization", "Bearer " + ApiFixture.READ).status());
  }

  @Test
  default void auth_eraseWithoutToken_is401() {
    assertEquals(401, http().delete("/actors/x").status());
  }

  /**
   * Found by the access matrix test: Jetty's per-connection header cache matched values ignoring
   * case, so on one kept-alive connection a token differing only in case was read as the token sent
   * before it (and the other way round).
   */
  @Test
  default void auth_tokenCaseMatters_evenOnOneKeptAliveConnection() throws java.io.IOException {
    String upper = ApiFixture.READ.toUpperCase(java.util.Locale.ROOT);
    assertEquals(List.of(200, 401, 200), keptAlive(ApiFixture.READ, upper, ApiFixture.READ));
    assertEquals(List.of(401, 200), keptAlive(upper, ApiFixture.READ));
  }

  /** Sends one read per token, pipelined on one connection; returns the statuses in order. */
  private List<Integer> keptAlive(String... tokens) throws java.io.IOException {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < tokens.length; i++) {
      requests.append("GET /rest/v1/events?limit=1 HTTP/1.1\r\nHost: localhost\r\n");
      requests.append("Authorization: Bearer ").append(tokens[i]).append("\r\n");
      requests.append(i == tokens.length - 1 ? "Connection: close\r\n\r\n" : "\r\n");
    }
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", http().port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
      String answers =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      List<Integer> statuses = new ArrayList<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("HTTP/1\\.1 (\\d{3}) ").matcher(answers);
      while (m.find()) {
        statuses.add(Integer.parseInt(m.group(1)));
      }
      return statuses;
    }
  }

  @Test
  default void auth_publicEndpoints_needNoToken() {
    assertEquals(200, http().get("/health").status());
    assertEquals(200, http().get("/metrics").status());
    assertEquals(200, http().get("/openapi.json").status());
    assertEquals(200, http().get("/docs").status());
  }
}
