package dev.clianalytics.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders report JSON as readable terminal text: lists of objects become tables whose columns are
 * the objects' keys; rates print as percentages and {@code *_ms} fields as humanized durations.
 */
final class ReportText {
  private static final List<String> OUTCOMES =
      List.of("SUCCESS", "FAILED", "ABANDONED", "IN_PROGRESS");

  private ReportText() {}

  static String summary(Map<String, Object> r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%s events, %s actors, %s sessions, CI share %s%n%n",
            Format.count(r.get("events")),
            Format.count(r.get("actors")),
            Format.count(r.get("sessions")),
            Format.percent(r.get("ci_share"))));
    out.append(section("Workflows", r.get("workflows")));
    out.append(section("Top failing commands", r.get("top_failing_commands")));
    out.append(section("Top error types", r.get("top_error_types")));
    out.append(section("Failure hot paths", r.get("hot_paths")));
    if (r.get("nsm") instanceof Map<?, ?> nsm) {
      out.append(section("North star (latest week)", List.of(nsm)));
    }
    return out.toString();
  }

  static String workflow(Map<String, Object> r) {
    StringBuilder out = new StringBuilder();
    Map<String, Object> top = new LinkedHashMap<>();
    for (String key :
        List.of(
            "name",
            "tool",
            "category",
            "runs",
            "outcomes",
            "success_rate",
            "median_duration_ms",
            "p50_duration_ms",
            "p90_duration_ms")) {
      if (r.containsKey(key)) {
        top.put(key, r.get(key));
      }
    }
    out.append(section("Workflow " + r.get("name"), List.of(top)));
    for (Map.Entry<String, Object> e : r.entrySet()) {
      if (e.getValue() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?>) {
        out.append(section(title(e.getKey()), l));
      } else if (e.getValue() instanceof Map<?, ?> m
          && !e.getKey().equals("outcomes")
          && !m.isEmpty()
          && m.values().iterator().next() instanceof Map<?, ?>) {
        List<Map<String, Object>> rows = new ArrayList<>();
        m.forEach(
            (k, v) -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("key", k);
              ((Map<?, ?>) v).forEach((k2, v2) -> row.put(String.valueOf(k2), v2));
              rows.add(row);
            });
        out.append(section(title(e.getKey()), rows));
      }
    }
    return out.toString();
  }

  /** One row per workflow and version, then the flagged regressions. */
  static String versions(Map<String, Object> r) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object w : ReportCommand.list(r.get("workflows"))) {
      if (w instanceof Map<?, ?> workflow) {
        for (Object v : ReportCommand.list(workflow.get("versions"))) {
          if (v instanceof Map<?, ?> version) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workflow", workflow.get("workflow"));
            row.put("tool", workflow.get("tool"));
            for (String key :
                List.of(
                    "version",
                    "runs",
                    "closed",
                    "successes",
                    "success_rate",
                    "ci_low",
                    "ci_high")) {
              row.put(key, version.get(key));
            }
            rows.add(row);
          }
        }
      }
    }
    return section("Success rate by version (95% interval)", rows)
        + section("Regressions", r.get("regressions"));
  }

  static String section(String title, Object rows) {
    List<?> list = ReportCommand.list(rows);
    StringBuilder out = new StringBuilder(title).append('\n');
    if (list.isEmpty()) {
      return out.append("  (none)\n\n").toString();
    }
    List<String> columns = new ArrayList<>();
    for (Object row : list) {
      if (row instanceof Map<?, ?> m) {
        for (Object k : flatten(m).keySet()) {
          if (!columns.contains((String) k)) {
            columns.add((String) k);
          }
        }
      }
    }
    Table table = new Table(columns.stream().map(ReportText::header).toArray(String[]::new));
    for (Object row : list) {
      Map<String, Object> flat = row instanceof Map<?, ?> m ? flatten(m) : Map.of();
      table.row(columns.stream().map(c -> cell(c, flat.get(c))).toArray());
    }
    return out.append(table.render()).append('\n').toString();
  }

  private static Map<String, Object> flatten(Map<?, ?> m) {
    Map<String, Object> flat = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?> inner && k.equals("outcomes")) {
            for (String o : OUTCOMES) {
              flat.put(o, inner.get(o));
            }
          } else if (v instanceof List<?> l) {
            flat.put(
                String.valueOf(k), String.join(", ", l.stream().map(ReportText::item).toList()));
          } else if (!(v instanceof Map<?, ?>)) {
            flat.put(String.valueOf(k), v);
          }
        });
    return flat;
  }

  private static String cell(String column, Object value) {
    if (value == null) {
      return "-";
    }
    if (column.endsWith("rate")
        || column.endsWith("share")
        || column.equals("drop")
        || column.startsWith("ci_") && value instanceof Number) {
      return Format.percent(value);
    }
    if (column.equals("p_value") && value instanceof Number p) {
      return p.doubleValue() < 0.001 ? "<0.001" : String.format("%.3f", p.doubleValue());
    }
    if (column.endsWith("_ms")) {
      return Format.duration(value);
    }
    if (value instanceof Double d) {
      return Format.decimal(d);
    }
    if (value instanceof Number n) {
      return Format.count(n);
    }
    return value.toString();
  }

  private static String header(String key) {
    String k = key.endsWith("_ms") ? key.substring(0, key.length() - 3) : key;
    return k.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** A list element in one cell: {@code {"command": "x", "count": 3}} reads as {@code x (3)}. */
  private static String item(Object value) {
    if (value instanceof Map<?, ?> m && m.size() == 2) {
      List<?> values = List.copyOf(m.values());
      if (values.get(1) instanceof Number n) {
        return values.get(0) + " (" + Format.count(n) + ")";
      }
    }
    return String.valueOf(value);
  }

  private static String title(String key) {
    String h = header(key);
    return Character.toUpperCase(h.charAt(0)) + h.substring(1);
  }
}
