package dev.clianalytics.server.http;

import io.javalin.http.Context;

/**
 * Refuses a URL whose path or query has a malformed percent-encoding (a {@code %} not followed by
 * two hex digits) with a 400 before routing: Jetty lets some through, and Javalin's decoder then
 * throws while matching path parameters, which would otherwise surface as a 500.
 */
public final class PercentEncoding {
  private PercentEncoding() {}

  /** A Javalin before-handler. */
  public static void check(Context ctx) {
    if (!wellFormed(ctx.path()) || !wellFormed(ctx.queryString())) {
      // the URL itself is not echoed: it may hold an actor id
      throw ApiProblem.badRequest(
          "the URL has a malformed percent-encoding: % must be followed by two hex digits");
    }
  }

  static boolean wellFormed(String s) {
    if (s == null) {
      return true;
    }
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
      if (i + 2 >= s.length() || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
