package dev.clianalytics.server.otlp;

import static dev.clianalytics.server.otlp.Spans.request;
import static dev.clianalytics.server.otlp.Spans.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.server.testing.InMemoryStorage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /v1/traces} follows the ingest rules for tokens, as {@code /ingest} does. */
class OtlpAuthTest {
  @Test
  void allowAnonymousIngest_acceptsSpansWithoutAToken() {
    try (OtlpServer server =
        new OtlpServer(new InMemoryStorage(), null, Map.of("ALLOW_ANONYMOUS_INGEST", "true"))) {
      byte[] body = request(run("b000000000000001", 0)).toByteArray();
      OtlpServer.Answer a = server.post(body, "Content-Type", "application/x-protobuf");
      assertEquals(200, a.status(), a.text());
      assertEquals(1, server.storedEvents().size());
    }
  }

  @Test
  void adminToken_mayExportToo() {
    try (OtlpServer server =
        new OtlpServer(new InMemoryStorage(), null, Map.of("ADMIN_TOKEN", "otlp-admin-token-1"))) {
      byte[] body = request(run("b000000000000002", 0)).toByteArray();
      OtlpServer.Answer a =
          server.post(
              body,
              "Content-Type",
              "application/x-protobuf",
              "Authorization",
              "Bearer otlp-admin-token-1");
      assertEquals(200, a.status(), a.text());
    }
  }

  @Test
  void unknownToken_is401AsAJsonStatus() {
    try (OtlpServer server = new OtlpServer(new InMemoryStorage(), null, Map.of())) {
      byte[] body = request(run("b000000000000003", 0)).toByteArray();
      OtlpServer.Answer a =
          server.post(
              body, "Content-Type", "application/json", "Authorization", "Bearer nope-token-0");
      assertEquals(401, a.status());
      assertEquals(16L, a.json().get("code"));
    }
  }
}
