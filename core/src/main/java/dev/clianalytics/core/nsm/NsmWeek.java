package dev.clianalytics.core.nsm;

import java.util.LinkedHashMap;
import java.util.Map;

/** One week of the north-star series: successful runs per active developer. */
public record NsmWeek(
    String week, long activeDevelopers, long successfulRuns, double perActiveDeveloper) {
  /** The report shape of {@code GET /reports/nsm} weeks. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("week", week);
    json.put("active_developers", activeDevelopers);
    json.put("successful_runs", successfulRuns);
    json.put("per_active_developer", perActiveDeveloper);
    return json;
  }
}
