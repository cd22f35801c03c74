package dev.clianalytics.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns; numeric-looking cells are right-aligned. */
final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  Table row(Object... cells) {
    List<String> r = new ArrayList<>(cells.length);
    for (Object c : cells) {
      r.add(c == null ? "-" : c.toString());
    }
    rows.add(r);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String render() {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width);
    for (int i = 0; i < width.length; i++) {
      out.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    out.append('\n');
    rows.forEach(r -> line(out, r, width));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] width) {
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      out.append(i == 0 ? "" : "  ")
          .append(numeric(c) ? pad + c : c + (i == width.length - 1 ? "" : pad));
    }
    out.append('\n');
  }

  private static boolean numeric(String c) {
    return !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.equals("-")) && !c.contains(" > ");
  }
}
