package dev.clianalytics.core.nsm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One active developer's week: the hashed actor id, the ISO week, the successful runs of the
 * command and the events of its tool that week (at least 1, which is what makes them active).
 */
public record DeveloperWeek(String developer, String week, long successfulRuns, long events) {
  /** {@code developer}, {@code week}, {@code successful_runs}, {@code events}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("developer", developer);
    json.put("week", week);
    json.put("successful_runs", successfulRuns);
    json.put("events", events);
    return json;
  }
}
