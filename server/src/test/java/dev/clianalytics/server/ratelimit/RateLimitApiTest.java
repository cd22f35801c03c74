package dev.clianalytics.server.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits on a real server with tiny limits (1 request per second, burst 2): a handful of
 * back-to-back requests is enough to go over, whatever the machine's speed.
 */
class RateLimitApiTest {
  private static final String TOKEN_A = "ingest-token-a";
  private static final String TOKEN_B = "ingest-token-b";
  private static final int TRIES = 20;

  @TempDir Path dir;

  private CliAnalyticsServer start(String perToken, String perAddress) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dir.toString());
    env.put("PORT", "0");
    env.put("INGEST_TOKENS", TOKEN_A + "," + TOKEN_B);
    env.put("READ_TOKENS", "read-token");
    env.put("INFER_INTERVAL", "0");
    env.put("RATE_LIMIT_PER_TOKEN", perToken);
    env.put("RATE_LIMIT_PER_ADDRESS", perAddress);
    return CliAnalyticsServer.start(
        ServerConfig.from(env, dir.resolve("none.env")), new InMemoryStorage());
  }

  /** Sends until the first 429 (at most {@link #TRIES} requests) and returns it, or the last. */
  private static Http.Response untilRefused(Supplier<Http.Response> request) {
    Http.Response r = request.get();
    for (int i = 1; i < TRIES && r.status() != 429; i++) {
      r = request.get();
    }
    return r;
  }

  @Test
  void tokenOverItsLimit_gets429ProblemWithRetryAfter_whileAnotherTokenGoesOn() {
    try (CliAnalyticsServer server = start("1", "0")) {
      Http http = new Http(server.port());
      Http.Response refused =
          untilRefused(() -> ingest(http, "Authorization", "Bearer " + TOKEN_A));
      assertEquals(429, refused.status());
      assertTrue(refused.contentType().startsWith("application/problem+json"));
      Map<?, ?> problem = (Map<?, ?>) Json.parse(refused.body());
      assertEquals("urn:cli-analytics:problem:rate-limited", problem.get("type"));
      assertEquals(429L, ((Number) problem.get("status")).longValue());
      assertTrue(problem.get("detail").toString().contains("RATE_LIMIT_PER_TOKEN"), refused.body());
      assertTrue(
          refused.headers().get("retry-after").matches("[1-9][0-9]*"), refused.headers()::toString);
      assertEquals(200, ingest(http, "apikey", TOKEN_B).status());
      assertTrue(rateLimited(http, "token") >= 1);
    }
  }

  @Test
  void anonymousRequests_areLimitedPerAddress_butHealthNeverIs() {
    try (CliAnalyticsServer server = start("0", "1")) {
      Http http = new Http(server.port());
      Http.Response refused = untilRefused(() -> http.get("/openapi.json"));
      assertEquals(429, refused.status());
      assertTrue(refused.body().contains("RATE_LIMIT_PER_ADDRESS"), refused.body());
      for (int i = 0; i < TRIES; i++) {
        assertEquals(200, http.get("/health").status());
      }
    }
  }

  @Test
  void refusedIngest_isAnswered429BeforeItsBodyIsRead() {
    try (CliAnalyticsServer server = start("1", "0")) {
      Http http = new Http(server.port());
      String auth = "Bearer " + TOKEN_A;
      Http.Response r =
          untilRefused(() -> http.post("/ingest", "{not json", "Authorization", auth));
      // a parsed body would have been a 400
      assertEquals(429, r.status());
    }
  }

  @Test
  void zero_turnsBothLimitsOff() {
    try (CliAnalyticsServer server = start("0", "0")) {
      Http http = new Http(server.port());
      for (int i = 0; i < TRIES * 5; i++) {
        assertEquals(200, ingest(http, "Authorization", "Bearer " + TOKEN_A).status());
        assertEquals(200, http.get("/openapi.json").status());
      }
      assertEquals(0, rateLimited(http, "token") + rateLimited(http, "address"));
    }
  }

  @Test
  void openApi_documents429WithRetryAfterOnEveryLimitedEndpoint() {
    try (CliAnalyticsServer server = start("0", "0")) {
      Map<?, ?> doc = (Map<?, ?>) Json.parse(new Http(server.port()).get("/openapi.json").body());
      int operations = 0;
      for (Map.Entry<?, ?> path : ((Map<?, ?>) doc.get("paths")).entrySet()) {
        String name = path.getKey().toString();
        for (Object operation : ((Map<?, ?>) path.getValue()).values()) {
          Map<?, ?> responses = (Map<?, ?>) ((Map<?, ?>) operation).get("responses");
          assertEquals(!name.equals("/health"), responses.containsKey("429"), name);
          operations++;
        }
      }
      Map<?, ?> tooMany =
          (Map<?, ?>)
              ((Map<?, ?>) ((Map<?, ?>) doc.get("components")).get("responses"))
                  .get("TooManyRequests");
      assertTrue(((Map<?, ?>) tooMany.get("headers")).containsKey("Retry-After"));
      assertTrue(operations >= 18, "operations: " + operations);
    }
  }

  private static Http.Response ingest(Http http, String header, String value) {
    return http.post("/ingest", Json.write(Ev.recent("limited").json()), header, value);
  }

  private static long rateLimited(Http http, String limit) {
    String metrics = http.get("/metrics").body();
    Matcher m =
        Pattern.compile("cli_analytics_http_rate_limited_total\\{limit=\"" + limit + "\"} (\\d+)")
            .matcher(metrics);
    assertTrue(m.find(), metrics);
    return Long.parseLong(m.group(1));
  }
}
