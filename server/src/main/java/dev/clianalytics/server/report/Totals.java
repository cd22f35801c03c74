package dev.clianalytics.server.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** Event, actor and session totals of the summary, and the share of events from CI. */
record Totals(long events, long actors, long sessions, Double ciShare) {
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("events", events);
    json.put("actors", actors);
    json.put("sessions", sessions);
    json.put("ci_share", ciShare);
    return json;
  }
}
