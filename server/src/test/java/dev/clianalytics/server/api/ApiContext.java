package dev.clianalytics.server.api;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.testing.Http;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the API contract tests need from the running server. */
interface ApiContext {
  String JSON = "application/json";

  Http http();

  /** The stored (HMAC) form of a raw identifier under the test salt. */
  String stored(String rawId);

  /** Posts to /ingest as JSON with the ingest token; {@code headers} replace those defaults. */
  default Http.Response ingest(String body, String... headers) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Content-Type", JSON);
    all.put("Authorization", "Bearer " + ApiFixture.INGEST);
    for (int i = 0; i < headers.length; i += 2) {
      all.put(headers[i], headers[i + 1]);
    }
    List<String> flat = new ArrayList<>();
    all.forEach(
        (k, v) -> {
          flat.add(k);
          flat.add(v);
        });
    return http().post("/ingest", body, flat.toArray(String[]::new));
  }

  /** A JSON body posted to {@code /ingest} chunked, without a {@code Content-Length}. */
  default Http.Response ingestChunked(byte[] body) {
    return http()
        .postChunked(
            "/ingest", body, "Content-Type", JSON, "Authorization", "Bearer " + ApiFixture.INGEST);
  }

  default Map<?, ?> json(Http.Response r) {
    return (Map<?, ?>) Json.parse(r.body());
  }

  /** Every stored row, read through the PostgREST endpoint with the admin token. */
  default List<?> rows() {
    Http.Response r =
        http().get("/rest/v1/events?limit=10000", "Authorization", "Bearer " + ApiFixture.ADMIN);
    return (List<?>) Json.parse(r.body());
  }

  /** The stored payload of the row with this id, or null. */
  default Map<?, ?> row(String id) {
    for (Object row : rows()) {
      Map<?, ?> m = (Map<?, ?>) row;
      if (id.equals(m.get("id"))) {
        return (Map<?, ?>) m.get("payload");
      }
    }
    return null;
  }
}
