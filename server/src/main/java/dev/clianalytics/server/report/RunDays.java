package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Outcome counts of every workflow run per start day, tool, workflow, tool version and week: a few
 * hundred rows where the runs are hundreds of thousands. Read once per generation of the derived
 * tables (inference renders the trends and versions reports as it warms the dashboard, which reads
 * them), they answer the version and week groups of any filter, which only narrows days, tool and
 * workflow, without reading the runs again (docs/server.md, "Uncached reports").
 *
 * <p>They hold no actors, so they serve only groups that need none ({@link Outcomes.Detail#GATE}
 * with {@code MIN_ACTORS} at most 1), and they are not kept when there are more than {@link
 * #MAX_ROWS}.
 */
final class RunDays {
  /** More rows than this are not kept: the groups are then read from the runs, as before. */
  static final int MAX_ROWS = 100_000;

  private record Row(
      String day,
      String tool,
      String workflow,
      String category,
      boolean auto,
      String version,
      String week,
      long runs,
      long success,
      long failed,
      long abandoned,
      long inProgress) {}

  private final List<Row> rows;

  private RunDays(List<Row> rows) {
    this.rows = rows;
  }

  /** The counts of the stored runs, or null when there are more than {@code maxRows} of them. */
  static RunDays read(SqlReads c, int maxRows) throws SQLException {
    List<Row> rows =
        Query.list(
            c,
            "SELECT start_day, tool, workflow, category, CASE WHEN auto THEN 1 ELSE 0 END,"
                + " tool_version, week, "
                + Outcomes.COUNTS
                + " FROM workflow_runs"
                + " GROUP BY start_day, tool, workflow, category, auto, tool_version, week"
                + " LIMIT "
                + (maxRows + 1),
            List.of(),
            rs ->
                new Row(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5) == 1,
                    rs.getString(6),
                    rs.getString(7),
                    rs.getLong(8),
                    rs.getLong(9),
                    rs.getLong(10),
                    rs.getLong(11),
                    rs.getLong(12)));
    return rows.size() > maxRows ? null : new RunDays(List.copyOf(rows));
  }

  /**
   * The groups {@link WorkflowQueries#groups} returns for {@code keyColumn} ({@code tool_version}
   * or {@code week}) at {@link Outcomes.Detail#GATE} with {@code MIN_ACTORS} at most 1: each
   * group's actors is 1, a lower bound every group with a run reaches.
   */
  List<WorkflowQueries.Group> groups(
      ReportFilter filter, String workflow, String keyColumn, Set<String> autos) {
    Function<Row, String> key =
        switch (keyColumn) {
          case "tool_version" -> Row::version;
          case "week" -> Row::week;
          default -> throw new IllegalArgumentException("no run days by " + keyColumn);
        };
    ReportFilter.Rows in = filter.rows();
    Map<List<String>, Row> sums = new LinkedHashMap<>();
    for (Row r : rows) {
      if (!in.test(r.day(), r.tool()) || (workflow != null && !workflow.equals(r.workflow()))) {
        continue;
      }
      sums.merge(List.of(r.workflow(), key.apply(r)), r, RunDays::plus);
    }
    List<WorkflowQueries.Group> groups = new ArrayList<>();
    for (Map.Entry<List<String>, Row> e : sums.entrySet()) {
      Row r = e.getValue();
      if (r.auto() && !autos.contains(r.workflow())) {
        continue;
      }
      groups.add(
          new WorkflowQueries.Group(
              r.workflow(),
              r.tool(),
              r.category(),
              e.getKey().get(1),
              new Outcomes(
                  r.runs(),
                  r.success(),
                  r.failed(),
                  r.abandoned(),
                  r.inProgress(),
                  1,
                  null,
                  null)));
    }
    return groups;
  }

  /** Two rows of one group summed, with the least tool and category and auto if either is. */
  private static Row plus(Row a, Row b) {
    return new Row(
        a.day(),
        a.tool().compareTo(b.tool()) <= 0 ? a.tool() : b.tool(),
        a.workflow(),
        a.category().compareTo(b.category()) <= 0 ? a.category() : b.category(),
        a.auto() || b.auto(),
        a.version(),
        a.week(),
        a.runs() + b.runs(),
        a.success() + b.success(),
        a.failed() + b.failed(),
        a.abandoned() + b.abandoned(),
        a.inProgress() + b.inProgress());
  }
}
