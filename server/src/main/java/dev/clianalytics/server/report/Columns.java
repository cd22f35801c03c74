package dev.clianalytics.server.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rows kept in memory ({@link EventDays}, {@link PathDays}) are made of: texts and days as
 * numbers, and columns of numbers filled row by row.
 */
final class Columns {
  private Columns() {}

  /** Distinct texts, each once, numbered in the order first seen. */
  static final class Texts {
    final Map<String, Integer> numbers = new HashMap<>();
    final List<String> values = new ArrayList<>();

    int number(String text) {
      Integer n = numbers.get(text);
      if (n == null) {
        n = values.size();
        numbers.put(text, n);
        values.add(text);
      }
      return n;
    }
  }

  /** Days as ranks in their order (ISO dates order as text), and a filter's bounds as ranks. */
  static final class Days {
    final String[] sorted;
    final int[] rankOf;

    Days(Texts days) {
      sorted = days.values.toArray(String[]::new);
      Arrays.sort(sorted);
      rankOf = new int[sorted.length];
      for (int i = 0; i < sorted.length; i++) {
        rankOf[days.numbers.get(sorted[i])] = i;
      }
    }

    /** The ranks of the first and last day in {@code filter}'s dates, {@code [from, to]}. */
    int[] bounds(ReportFilter filter) {
      int from = 0;
      int to = sorted.length - 1;
      if (filter.from() != null) {
        int i = Arrays.binarySearch(sorted, filter.from().toString());
        from = i >= 0 ? i : -i - 1;
      }
      if (filter.to() != null) {
        int i = Arrays.binarySearch(sorted, filter.to().toString());
        to = i >= 0 ? i : -i - 2;
      }
      return new int[] {from, to};
    }
  }

  /** A column of numbers filled row by row. */
  static final class Ints {
    int[] values = new int[1024];

    void set(int row, int value) {
      if (row == values.length) {
        values = Arrays.copyOf(values, row * 2);
      }
      values[row] = value;
    }

    /** The first {@code rows} values, each mapped through {@code to} when given. */
    int[] done(int rows, int[] to) {
      int[] out = Arrays.copyOf(values, rows);
      if (to != null) {
        for (int i = 0; i < rows; i++) {
          out[i] = to[out[i]];
        }
      }
      return out;
    }
  }

  /** A column of longs filled row by row. */
  static final class Longs {
    long[] values = new long[1024];

    void set(int row, long value) {
      if (row == values.length) {
        values = Arrays.copyOf(values, row * 2);
      }
      values[row] = value;
    }

    long[] done(int rows) {
      return Arrays.copyOf(values, rows);
    }
  }

  /**
   * The number of {@code filter}'s tool in {@code texts}: -1 for any tool, -2 for one never seen.
   */
  static int toolNumber(Texts texts, ReportFilter filter) {
    if (filter.tool() == null) {
      return -1;
    }
    Integer n = texts.numbers.get(filter.tool());
    return n == null ? -2 : n;
  }

  /** Whether a row of {@code rowDay} and {@code rowTool} is in a filter's day bounds and tool. */
  static boolean in(int[] bounds, int tool, int rowDay, int rowTool) {
    return rowDay >= bounds[0] && rowDay <= bounds[1] && (tool == -1 || tool == rowTool);
  }
}
