package dev.clianalytics.server.report;

import dev.clianalytics.server.http.ApiProblem;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report request's query parameters, checked: only the names the report takes ({@code from},
 * {@code to}, {@code tool}, {@code format} and its own), each at most once. Anything else is a 400
 * problem, so a misspelt filter is never silently ignored and no crafted name reaches the cache.
 */
final class ReportParams {
  static final List<String> COMMON = List.of("from", "to", "tool", "format");

  /** Longest parameter name echoed back in an error. */
  private static final int ECHO_CHARS = 40;

  private final Map<String, String> values;

  private ReportParams(Map<String, String> values) {
    this.values = values;
  }

  /** The request's parameters, refusing names outside the common ones and {@code extra}. */
  static ReportParams check(Context ctx, String... extra) {
    List<String> allowed = new ArrayList<>(COMMON);
    allowed.addAll(List.of(extra));
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      String name = e.getKey();
      if (!allowed.contains(name)) {
        throw ApiProblem.badRequest(
            "unknown query parameter '"
                + echo(name)
                + "'; this report takes "
                + String.join(", ", allowed));
      }
      if (e.getValue().size() != 1) {
        throw ApiProblem.badRequest(name + " may be given once, was given " + e.getValue().size());
      }
      values.put(name, e.getValue().getFirst());
    }
    return new ReportParams(values);
  }

  /** The value of {@code name}, or null when absent. */
  String get(String name) {
    return values.get(name);
  }

  /** A whole-number parameter in {@code [min, max]}, or {@code fallback} when absent or blank. */
  int intParam(String name, int fallback, int min, int max) {
    String value = get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw ApiProblem.badRequest(
        name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
  }

  private static String echo(String name) {
    return name.length() <= ECHO_CHARS ? name : name.substring(0, ECHO_CHARS) + "…";
  }
}
