package dev.clianalytics.server.rest;

import dev.clianalytics.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code Accept: text/csv} for {@code /rest/v1/events}: a header row with the selected columns,
 * then one line per row; {@code payload} is its JSON text, every cell quoted as RFC 4180 says.
 */
final class RestCsv {
  private RestCsv() {}

  static String write(List<Map<String, Object>> rows, Set<String> columns) {
    List<String> names = columns.size() == 2 ? List.of("id", "payload") : List.copyOf(columns);
    StringBuilder out = new StringBuilder(String.join(",", names)).append('\n');
    for (Map<String, Object> row : rows) {
      for (int i = 0; i < names.size(); i++) {
        Object v = row.get(names.get(i));
        String cell = v instanceof String s ? s : Json.write(v);
        out.append(i == 0 ? "" : ",").append('"').append(cell.replace("\"", "\"\"")).append('"');
      }
      out.append('\n');
    }
    return out.toString();
  }
}
