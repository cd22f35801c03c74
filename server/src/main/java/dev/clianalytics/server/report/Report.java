package dev.clianalytics.server.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
        TrendsReport,
        AdoptionReport,
        PlatformsReport {

  /** The JSON document, keys in the documented order. */
  Map<String, Object> toJson();

  /** The rows of the CSV form, one JSON object per row. */
  List<Map<String, Object>> csvRows();

  /**
   * One CSV row per child of each parent: the parent's columns ({@code head}), then the child's.
   */
  static <P, C> List<Map<String, Object>> nestedRows(
      List<P> parents,
      Function<P, Map<String, Object>> head,
      Function<P, List<C>> children,
      Function<C, Map<String, Object>> child) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (P parent : parents) {
      for (C c : children.apply(parent)) {
        Map<String, Object> row = new LinkedHashMap<>(head.apply(parent));
        row.putAll(child.apply(c));
        rows.add(row);
      }
    }
    return rows;
  }

  /** The leading columns of a nested row: the workflow under {@code nameKey}, then its tool. */
  static Map<String, Object> head(String nameKey, String name, String tool) {
    Map<String, Object> head = new LinkedHashMap<>();
    head.put(nameKey, name);
    head.put("tool", tool);
    return head;
  }

  /** Each item's JSON object. */
  static <T> List<Map<String, Object>> json(
      List<T> items, Function<T, Map<String, Object>> toJson) {
    return items.stream().map(toJson).toList();
  }
}
