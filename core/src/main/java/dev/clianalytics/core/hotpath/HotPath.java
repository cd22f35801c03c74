package dev.clianalytics.core.hotpath;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure hot path (docs/reports.md): {@code path} such as {@code "terraform plan > terraform
 * apply!"}, how many failing events ended it, from how many distinct actors, how often the same
 * command sequence occurred regardless of outcome, and failures / occurrences.
 */
public record HotPath(
    String path, long failures, long actors, long occurrences, double failureRate) {
  /**
   * The report shape: {@code path}, {@code failures}, {@code actors}, {@code occurrences}, {@code
   * failure_rate}.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", path);
    json.put("failures", failures);
    json.put("actors", actors);
    json.put("occurrences", occurrences);
    json.put("failure_rate", failureRate);
    return json;
  }
}
