package dev.clianalytics.server.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** The workflow row of docs/server.md: a workflow and the outcomes of its runs. */
record WorkflowRow(String name, String tool, String category, Outcomes outcomes) {
  static WorkflowRow of(WorkflowQueries.Group g) {
    return new WorkflowRow(g.workflow(), g.tool(), g.category(), g.outcomes());
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("tool", tool);
    json.put("category", category);
    json.putAll(outcomes.toJson());
    json.put("median_duration_ms", outcomes.medianMs());
    json.put("actors", outcomes.actors());
    return json;
  }
}
