package dev.clianalytics.server.posthog;

import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.ingest.Batches;
import java.util.List;
import java.util.Map;

/**
 * A capture body taken apart: its events and the project key it carries. PostHog clients send one
 * event, {@code {"api_key", "batch": [...]}} or an array of events, with the key as {@code api_key}
 * or {@code token} at the top or (posthog-js) as {@code properties.token}.
 */
record Envelope(List<?> events, String token) {
  private static final String SHAPES =
      "send a PostHog event, {\"api_key\": ..., \"batch\": [...]} or an array of events";

  static Envelope of(Object body) {
    Envelope e =
        switch (body) {
          case Map<?, ?> map when map.containsKey("batch") -> batch(map);
          case Map<?, ?> map -> new Envelope(List.of(map), token(map));
          case List<?> list -> new Envelope(list, list.isEmpty() ? null : token(list.get(0)));
          case null, default -> throw ApiProblem.badRequest("the body is not an event; " + SHAPES);
        };
    if (e.events.size() > Batches.MAX_EVENTS) {
      throw ApiProblem.tooLarge(
          "the batch has "
              + e.events.size()
              + " events, more than "
              + Batches.MAX_EVENTS
              + "; send smaller batches");
    }
    return e;
  }

  private static Envelope batch(Map<?, ?> map) {
    if (!(map.get("batch") instanceof List<?> list)) {
      throw ApiProblem.badRequest("\"batch\" must be an array of events; " + SHAPES);
    }
    String token = token(map);
    return new Envelope(list, token != null || list.isEmpty() ? token : token(list.get(0)));
  }

  private static String token(Object event) {
    if (!(event instanceof Map<?, ?> map)) {
      return null;
    }
    if (map.get("api_key") instanceof String s) {
      return s;
    }
    if (map.get("token") instanceof String s) {
      return s;
    }
    return map.get("properties") instanceof Map<?, ?> p && p.get("token") instanceof String s
        ? s
        : null;
  }
}
