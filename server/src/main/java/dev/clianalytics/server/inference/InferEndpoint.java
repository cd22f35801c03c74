package dev.clianalytics.server.inference;

import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.Responses;
import io.javalin.http.Context;

/** {@code POST /infer} ({@code ?full=true} recomputes everything) and {@code GET /workflows}. */
public final class InferEndpoint {
  private final InferenceService service;

  public InferEndpoint(InferenceService service) {
    this.service = service;
  }

  public void infer(Context ctx) {
    String full = ctx.queryParam("full");
    if (full != null && !full.equals("true") && !full.equals("false")) {
      throw ApiProblem.badRequest("full must be true or false, was '" + full + "'");
    }
    Responses.json(ctx, 200, service.run("true".equals(full)).toJson());
  }

  public void workflows(Context ctx) {
    WorkflowCatalog catalog = service.options().catalog();
    Responses.json(ctx, 200, catalog.toJson());
  }
}
