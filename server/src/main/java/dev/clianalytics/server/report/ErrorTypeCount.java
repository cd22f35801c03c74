package dev.clianalytics.server.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error type and how often it occurred: the summary's {@code top_error_types} (with actors) and
 * a workflow's {@code top_errors} (runs that hit it; {@code actors} null and not written).
 */
record ErrorTypeCount(String errorType, long count, Long actors) {
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error_type", errorType);
    json.put("count", count);
    if (actors != null) {
      json.put("actors", actors);
    }
    return json;
  }
}
