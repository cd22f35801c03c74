package dev.clianalytics.server.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Report tables as CSV (RFC 4180): a header row, then one row per table row. A nested object such
 * as {@code outcomes} becomes one column per key; a list of objects becomes "a:1;b:2".
 *
 * <p>Text comes from the tools being measured (names, versions, commands), so a cell a spreadsheet
 * would read as a formula (starting with {@code = + - @}, tab or carriage return) gets a leading
 * {@code '}, as OWASP recommends against CSV injection; numbers are written as numbers, negative
 * ones included (see docs/reports.md).
 */
final class Csv {
  private static final String FORMULA_START = "=+-@\t\r";

  private Csv() {}

  static String write(List<Map<String, Object>> rows) {
    List<Map<String, Object>> flat = rows.stream().map(Csv::flatten).toList();
    List<String> header = new ArrayList<>();
    flat.forEach(
        r ->
            r.keySet()
                .forEach(
                    k -> {
                      if (!header.contains(k)) {
                        header.add(k);
                      }
                    }));
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", header.stream().map(Csv::cell).toList())).append("\r\n");
    for (Map<String, Object> row : flat) {
      List<String> cells = new ArrayList<>();
      header.forEach(h -> cells.add(cell(row.get(h))));
      out.append(String.join(",", cells)).append("\r\n");
    }
    return out.toString();
  }

  private static Map<String, Object> flatten(Map<String, Object> row) {
    Map<String, Object> flat = new LinkedHashMap<>();
    row.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> nested) {
            nested.forEach((k, v) -> flat.put(String.valueOf(k), v));
          } else if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
              parts.add(
                  item instanceof Map<?, ?> m
                      ? String.join(":", m.values().stream().map(String::valueOf).toList())
                      : String.valueOf(item));
            }
            flat.put(key, String.join(";", parts));
          } else {
            flat.put(key, value);
          }
        });
    return flat;
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof Number ? value.toString() : neutralise(String.valueOf(value));
    if (text.indexOf(',') < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  /** Text a spreadsheet would evaluate, made literal with a leading quote. */
  static String neutralise(String text) {
    return !text.isEmpty() && FORMULA_START.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
