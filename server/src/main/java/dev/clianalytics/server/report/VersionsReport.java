package dev.clianalytics.server.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /reports/versions}: success rates per workflow and tool version, and the significant
 * drops between consecutive versions ({@link VersionComparison}). CSV: one row per workflow and
 * version.
 */
record VersionsReport(
    ReportFilter filter,
    List<Workflow> workflows,
    List<Regression> regressions,
    int comparisons,
    double alpha)
    implements Report {

  /** One workflow's versions in version order. */
  record Workflow(String workflow, String tool, List<Version> versions) {
    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("workflow", workflow);
      json.put("tool", tool);
      json.put("versions", Report.json(versions, Version::toJson));
      return json;
    }
  }

  /** The runs of one version, with the Wilson 95% interval of its success rate. */
  record Version(String version, Outcomes outcomes) {
    Map<String, Object> toJson() {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("version", version);
      row.put("runs", outcomes.runs());
      row.put("closed", outcomes.closed());
      row.put("successes", outcomes.success());
      row.put("success_rate", outcomes.successRate());
      double[] ci = Significance.wilson(outcomes.success(), outcomes.closed());
      row.put("ci_low", ci == null ? null : ci[0]);
      row.put("ci_high", ci == null ? null : ci[1]);
      row.put("outcomes", outcomes.countsJson());
      return row;
    }
  }

  /** A drop in success rate from one version to the next, with its one-sided p-value. */
  record Regression(
      String workflow,
      String tool,
      String fromVersion,
      String toVersion,
      double fromRate,
      double toRate,
      double pValue) {
    Map<String, Object> toJson() {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("workflow", workflow);
      row.put("tool", tool);
      row.put("from_version", fromVersion);
      row.put("to_version", toVersion);
      row.put("from_rate", fromRate);
      row.put("to_rate", toRate);
      row.put("drop", fromRate - toRate);
      row.put("p_value", pValue);
      row.put("significant", true);
      return row;
    }
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>(filter.toJson());
    json.put("workflows", Report.json(workflows, Workflow::toJson));
    json.put("regressions", Report.json(regressions, Regression::toJson));
    json.put("comparisons", comparisons);
    json.put("alpha", alpha);
    return json;
  }

  @Override
  public List<Map<String, Object>> csvRows() {
    return Report.nestedRows(
        workflows,
        w -> Report.head("workflow", w.workflow(), w.tool()),
        Workflow::versions,
        Version::toJson);
  }
}
