package dev.clianalytics.server.rest;

import dev.clianalytics.server.http.ApiProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads PostgREST insert bodies: one row or an array of rows, each {@code {"payload": {...}}} or a
 * bare object. A payload with any schema-v1 event field is an event attempt (validated, never
 * stored as a document, so a raw {@code actor_id} can never slip through); anything else is a
 * document.
 */
final class RestRows {
  private static final Set<String> EVENT_FIELDS =
      Set.of("tool_name", "command_path", "exit_code", "actor_id", "machine_id", "session_hint");

  private RestRows() {}

  static List<Map<?, ?>> payloads(Object body) {
    List<?> rows =
        switch (body) {
          case List<?> list -> list;
          case Map<?, ?> map -> List.of(map);
          case null, default ->
              throw ApiProblem.badRequest("send a row object or an array of row objects");
        };
    List<Map<?, ?>> payloads = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      if (!(rows.get(i) instanceof Map<?, ?> row)) {
        throw ApiProblem.badRequest("row " + i + " is not a JSON object");
      }
      Object payload = row.containsKey("payload") ? row.get("payload") : row;
      if (!(payload instanceof Map<?, ?> p)) {
        throw ApiProblem.badRequest("row " + i + ": \"payload\" must be a JSON object");
      }
      payloads.add(
          row.containsKey("payload") && row.containsKey("id") ? withId(i, row.get("id"), p) : p);
    }
    return payloads;
  }

  /**
   * A client-supplied row {@code id} is the event's {@code event_id}: it fills a missing one and
   * must equal a given one. Documents get their ids from the server.
   */
  private static Map<?, ?> withId(int i, Object id, Map<?, ?> payload) {
    if (!isEvent(payload)) {
      throw ApiProblem.badRequest(
          "row "
              + i
              + ": a client-supplied id is for event rows; documents get their ids from the server");
    }
    Object eventId = payload.get("event_id");
    if (eventId == null) {
      Map<Object, Object> out = new LinkedHashMap<>(payload);
      out.put("event_id", id);
      return out;
    }
    if (!(id instanceof String s) || !(eventId instanceof String e) || !s.equalsIgnoreCase(e)) {
      throw ApiProblem.badRequest("row " + i + ": id must equal payload.event_id");
    }
    return payload;
  }

  static boolean isEvent(Map<?, ?> payload) {
    for (String field : EVENT_FIELDS) {
      if (payload.containsKey(field)) {
        return true;
      }
    }
    return false;
  }
}
