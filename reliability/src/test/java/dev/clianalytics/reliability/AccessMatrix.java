package dev.clianalytics.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the access table of {@link AccessMatrixTest}: one row per endpoint, one column per kind.
 */
final class AccessMatrix {
  private AccessMatrix() {}

  /** The token a request carries, in the table's column order. */
  enum Kind {
    NONE,
    INGEST,
    READ,
    ADMIN,
    WRONG
  }

  /** One endpoint and the status expected for each kind. */
  record Row(String method, String path, int[] statuses) {
    String name() {
      return method + " " + path;
    }

    int expected(Kind kind) {
      return statuses[kind.ordinal()];
    }
  }

  /** Parses the table; the first line is the header and must name the kinds in order. */
  static List<Row> parse(String table) {
    List<String> lines = table.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String[] header = lines.getFirst().split("\\s+");
    for (Kind kind : Kind.values()) {
      if (!header[2 + kind.ordinal()].equalsIgnoreCase(kind.name())) {
        throw new IllegalArgumentException("column " + (3 + kind.ordinal()) + " must be " + kind);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\\s+");
      if (cells.length != 2 + Kind.values().length) {
        throw new IllegalArgumentException("a row needs method, path and 5 statuses: " + line);
      }
      int[] statuses = new int[Kind.values().length];
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = Integer.parseInt(cells[2 + i]);
      }
      rows.add(new Row(cells[0], cells[1], statuses));
    }
    return rows;
  }
}
