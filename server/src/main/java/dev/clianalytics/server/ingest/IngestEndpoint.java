package dev.clianalytics.server.ingest;

import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.Bodies;
import dev.clianalytics.server.http.BodyFormat;
import dev.clianalytics.server.http.Responses;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code POST /ingest}: every body shape of docs/server.md, answered after commit. */
public final class IngestEndpoint {
  private final IngestService service;
  private final Bodies bodies;
  private final Clock clock;

  public IngestEndpoint(IngestService service, Bodies bodies, Clock clock) {
    this.service = service;
    this.bodies = bodies;
    this.clock = clock;
  }

  public void handle(Context ctx) {
    Instant receivedAt = clock.instant();
    BodyFormat format = BodyFormat.of(ctx.contentType());
    byte[] utf8 = bodies.bytes(ctx);
    List<Object> items = Batches.items(Bodies.utf8(utf8), utf8, format);
    IngestResult result = service.ingest(items, receivedAt);
    if (result.allRejected()) {
      throw ApiProblem.validation(
          "no event was valid; see errors for each event's index and field",
          result.flatErrors(),
          Map.of("accepted", 0, "duplicates", 0, "rejected", result.toJson().get("rejected")));
    }
    Responses.json(ctx, 200, result.toJson());
  }
}
