package dev.clianalytics.server.http;

import io.javalin.http.Context;

/** The route pattern of a request for metrics labels: never the raw path, which may hold ids. */
public final class RouteNames {
  private RouteNames() {}

  public static String of(Context ctx) {
    if (ctx.statusCode() == 404) {
      return "unmatched";
    }
    return ProblemMapper.routeOf(ctx);
  }
}
