package dev.clianalytics.server.ingest;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of one ingest request: how many events were stored, how many were already stored, and
 * which items were rejected (by their index in the request) and why.
 *
 * @param stored the events as stored (after the privacy rules, with their event ids)
 */
public record IngestResult(
    int accepted, int duplicates, List<Rejection> rejected, List<Event> stored) {

  public IngestResult {
    rejected = List.copyOf(rejected);
    stored = List.copyOf(stored);
  }

  /** True when the request had items and none of them was valid. */
  public boolean allRejected() {
    return !rejected.isEmpty() && stored.isEmpty();
  }

  /** The 200 response body: {@code {"accepted","duplicates","rejected":[{"index","errors"}]}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accepted", accepted);
    json.put("duplicates", duplicates);
    json.put("rejected", rejected.stream().map(Rejection::toJson).toList());
    return json;
  }

  /** Every field error flattened for a problem document: {@code [{"index","field","message"}]}. */
  public List<Map<String, Object>> flatErrors() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Rejection r : rejected) {
      for (FieldError e : r.errors()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("index", r.index());
        one.put("field", e.field());
        one.put("message", e.message());
        out.add(one);
      }
    }
    return out;
  }

  /** One rejected item and its field errors. */
  public record Rejection(int index, List<FieldError> errors) {
    public Rejection {
      errors = List.copyOf(errors);
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("index", index);
      json.put(
          "errors",
          errors.stream()
              .map(e -> (Object) Map.of("field", e.field(), "message", e.message()))
              .toList());
      return json;
    }
  }
}
