package dev.clianalytics.server.api;

import static dev.clianalytics.server.testing.Events.event;
import static dev.clianalytics.server.testing.Events.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.server.testing.Http;
import org.junit.jupiter.api.Test;

/** SPEC section 10 auth: which token kind may do what; 401 missing or unknown, 403 wrong kind. */
interface AuthContract extends ApiContext {

  private Http.Response postIngest(String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = JSON;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return http().post("/ingest", write(event("auth")), all);
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

  @Test
  default void auth_publicEndpoints_needNoToken() {
    assertEquals(200, http().get("/health").status());
    assertEquals(200, http().get("/metrics").status());
    assertEquals(200, http().get("/openapi.json").status());
    assertEquals(200, http().get("/docs").status());
  }
}
