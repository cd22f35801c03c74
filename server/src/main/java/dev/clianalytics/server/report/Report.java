package dev.clianalytics.server.report;

import java.util.List;
import java.util.Map;

/**
 * One report document of docs/reports.md: its JSON form, and the table its CSV form shows ({@code
 * ?format=csv}, written by {@link Csv}).
 */
sealed interface Report
    permits SummaryReport,
        WorkflowReport,
        HotPathsReport,
        RecoveryReport,
        NsmReport,
        VersionsReport,
        TrendsReport {

  /** The JSON document, keys in the documented order. */
  Map<String, Object> toJson();

  /** The rows of the CSV form, one JSON object per row. */
  List<Map<String, Object>> csvRows();

  /** Each item's JSON object. */
  static <T> List<Map<String, Object>> json(
      List<T> items, java.util.function.Function<T, Map<String, Object>> toJson) {
    return items.stream().map(toJson).toList();
  }
}
