package dev.clianalytics.server.ops;

import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.Responses;
import dev.clianalytics.server.storage.Database;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code DELETE /actors/{actor_id}}: erasure. The id may be raw or in its client SHA-256 form; it
 * is normalized with the same rules as ingest, so both reach the same stored rows.
 */
public final class ActorsEndpoint {
  private final Database database;
  private final Privacy privacy;

  public ActorsEndpoint(Database database, Privacy privacy) {
    this.database = database;
    this.privacy = privacy;
  }

  public void delete(Context ctx) {
    String raw = ctx.pathParam("actor_id");
    if (raw.isBlank() || raw.length() > 1024) {
      throw ApiProblem.badRequest("actor_id must be 1 to 1024 characters");
    }
    long removed = database.ready().deleteActor(privacy.identifier(raw));
    Responses.json(ctx, 200, Map.of("deleted", removed));
  }
}
