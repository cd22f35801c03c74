package dev.clianalytics.server.http;

import dev.clianalytics.core.json.Json;
import io.javalin.http.Context;

/** Writes JSON responses with the core JSON writer (the server needs no JSON library). */
public final class Responses {
  private Responses() {}

  /** Answers {@code status} with {@code body} as {@code application/json}. */
  public static void json(Context ctx, int status, Object body) {
    ctx.status(status);
    ctx.contentType("application/json");
    ctx.result(Json.write(body));
  }
}
