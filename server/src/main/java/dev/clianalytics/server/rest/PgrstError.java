package dev.clianalytics.server.rest;

import dev.clianalytics.server.http.ApiProblem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors in PostgREST's JSON shape ({@code code}, {@code message}, {@code details}, {@code hint})
 * inside the server's problem+json, so Supabase clients read {@code error.code} and {@code
 * error.message} as they would from PostgREST (see docs/supabase.md). Messages name fields and
 * operators, never the values a request compared with.
 */
final class PgrstError {
  private PgrstError() {}

  static ApiProblem of(int status, String code, String message, String details, String hint) {
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("code", code);
    ext.put("message", message);
    ext.put("details", details);
    ext.put("hint", hint);
    String slug =
        switch (status) {
          case 406 -> "not-acceptable";
          case 416 -> "range-not-satisfiable";
          default -> "bad-request";
        };
    String title =
        switch (status) {
          case 406 -> "Not acceptable";
          case 416 -> "Range not satisfiable";
          default -> "Bad request";
        };
    return new ApiProblem(status, slug, title, message, ext);
  }

  /** PGRST100: the query string could not be parsed. */
  static ApiProblem parse(String what, String details) {
    return of(400, "PGRST100", "failed to parse " + what, details, null);
  }

  /** 42703: a column the table does not have. */
  static ApiProblem unknownColumn(String column) {
    return of(
        400,
        "42703",
        "column events." + clip(column) + " does not exist",
        null,
        "the table has the columns id and payload; filter payload fields as payload->>name");
  }

  /** PGRST103: a range or offset past the rows there are. */
  static ApiProblem range(String details) {
    return of(416, "PGRST103", "Requested range not satisfiable", details, null);
  }

  /** PGRST116: one object was asked for and the result has another number of rows. */
  static ApiProblem notSingle(long rows) {
    return of(
        406,
        "PGRST116",
        "JSON object requested, multiple (or no) rows returned",
        "The result contains " + rows + " rows",
        null);
  }

  static String clip(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
  }
}
