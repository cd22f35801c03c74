package dev.clianalytics.server.ops;

import io.javalin.http.Context;

/** {@code GET /metrics} in the Prometheus text format. */
public final class MetricsEndpoint {
  private final Metrics metrics;

  public MetricsEndpoint(Metrics metrics) {
    this.metrics = metrics;
  }

  public void handle(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(metrics.scrape());
  }
}
