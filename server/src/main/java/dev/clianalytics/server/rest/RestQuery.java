package dev.clianalytics.server.rest;

import dev.clianalytics.server.http.ApiProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PostgREST query parameters the sink understands: {@code limit}, {@code offset} and {@code
 * select} over the columns {@code id} and {@code payload}. Filters are refused rather than ignored,
 * so a client never mistakes an unfiltered answer for a filtered one.
 */
record RestQuery(int limit, int offset, Set<String> columns) {
  /** Most rows one request returns; page with {@code offset} for more. */
  static final int MAX_LIMIT = 10_000;

  static RestQuery of(Map<String, List<String>> params) {
    int limit = MAX_LIMIT;
    int offset = 0;
    Set<String> columns = Set.of("id", "payload");
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      String value = p.getValue().isEmpty() ? "" : p.getValue().getLast();
      switch (p.getKey()) {
        case "limit" -> limit = Math.min(number("limit", value), MAX_LIMIT);
        case "offset" -> offset = number("offset", value);
        case "select" -> columns = columns(value);
        default ->
            throw ApiProblem.badRequest(
                "query parameter "
                    + clip(p.getKey())
                    + " is not supported; use limit, offset and select");
      }
    }
    return new RestQuery(limit, offset, columns);
  }

  Map<String, Object> project(Map<String, Object> row) {
    if (columns.size() == 2) {
      return row;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach(
        (k, v) -> {
          if (columns.contains(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static Set<String> columns(String select) {
    String s = select.replace(" ", "");
    return switch (s) {
      case "*", "", "id,payload", "payload,id" -> Set.of("id", "payload");
      case "id" -> Set.of("id");
      case "payload" -> Set.of("payload");
      default ->
          throw ApiProblem.badRequest("select supports *, id and payload, was " + clip(select));
    };
  }

  private static int number(String name, String value) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiProblem.badRequest(name + " must be a whole number >= 0, was " + clip(value));
  }

  private static String clip(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
  }
}
