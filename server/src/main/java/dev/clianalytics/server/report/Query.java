package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs one parameterized report query and maps its rows. */
final class Query {
  private Query() {}

  static <T> List<T> list(SqlReads c, String sql, List<?> params, SqlReads.Mapper<T> mapper)
      throws SQLException {
    return c.list(sql, params, mapper);
  }

  /**
   * Whether {@code table} has more than {@code max} rows, counting at most {@code max + 1}: as
   * cheap for a table of millions of rows as for one of {@code max}.
   */
  static boolean moreRows(SqlReads c, String table, int max) throws SQLException {
    return list(
                c,
                "SELECT count(*) FROM (SELECT 1 FROM " + table + " LIMIT ?) t",
                List.of(max + 1L),
                rs -> rs.getLong(1))
            .get(0)
        > max;
  }

  /** A nullable long column. */
  static Long longOrNull(SqlReads.Row rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  /** {@code a / b}, or null when {@code b} is 0. */
  static Double rate(long a, long b) {
    return b == 0 ? null : (double) a / b;
  }

  static List<Object> params(Object... values) {
    return new ArrayList<>(List.of(values));
  }
}
