package dev.clianalytics.server.storage.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * ClickHouse's {@code TabSeparated} text: fields separated by tabs, rows ended by a newline, with
 * backslash escapes for backslash, tab, newline and carriage return, and {@code \N} for NULL. Both
 * 18.16 and current releases read and write it alike.
 */
final class TabSeparated {
  private TabSeparated() {}

  /** The rows of {@code body}, each field unescaped, {@code \N} as null. */
  static List<String[]> parse(String body) {
    List<String[]> rows = new ArrayList<>();
    int start = 0;
    while (start < body.length()) {
      int end = body.indexOf('\n', start);
      if (end < 0) {
        end = body.length();
      }
      rows.add(fields(body.substring(start, end)));
      start = end + 1;
    }
    return rows;
  }

  private static String[] fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean nullField = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\t') {
        out.add(nullField ? null : field.toString());
        field.setLength(0);
        nullField = false;
      } else if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(++i);
        switch (next) {
          case 't' -> field.append('\t');
          case 'n' -> field.append('\n');
          case 'r' -> field.append('\r');
          case '0' -> field.append('\0');
          case 'b' -> field.append('\b');
          case 'f' -> field.append('\f');
          case 'N' -> nullField = field.isEmpty();
          default -> field.append(next);
        }
      } else {
        field.append(c);
      }
    }
    out.add(nullField ? null : field.toString());
    return out.toArray(new String[0]);
  }
}
