package dev.clianalytics.server.ops;

import dev.clianalytics.server.http.Responses;
import dev.clianalytics.server.storage.Database;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: 200 when the database answers, 503 when it does not. */
public final class HealthEndpoint {
  private final Database database;
  private final String version;

  public HealthEndpoint(Database database, String version) {
    this.database = database;
    this.version = version;
  }

  public void handle(Context ctx) {
    boolean up = database.healthy();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "ok" : "unavailable");
    body.put("database", up ? "ok" : "unavailable");
    body.put("version", version);
    Responses.json(ctx, up ? 200 : 503, body);
  }
}
