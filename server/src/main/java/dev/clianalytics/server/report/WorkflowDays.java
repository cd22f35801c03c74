package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every workflow run's outcome, actor, duration, attempts and error types, kept in memory per
 * workflow, tool and start day. Read once per generation of the derived tables (by {@link
 * KeptRows}), they answer the parts of the summary and of a workflow's page that need each run,
 * distinct actors and exact duration percentiles, for any filter (which only narrows days and tool)
 * without reading the runs again (docs/server.md, "Uncached reports").
 *
 * <p>Kept only where {@link SqlReads#keepsRows()} and for at most {@link #MAX_RUNS} runs: beyond
 * that the reports read the runs from the database for each filter, as before. The results are
 * those of the SQL in {@link WorkflowQueries} and {@link WorkflowReports}: percentiles as
 * PostgreSQL's {@code percentile_disc}, means as the exact quotient rounded once.
 */
final class WorkflowDays {
  /** More runs than this are not kept: the reports then read them from the database. */
  static final int MAX_RUNS = 1_000_000;

  /** The runs of one workflow, tool and start day. */
  private static final class Day {
    final String workflow;
    final String tool;
    final String day;
    String category;
    boolean auto;

    /** Runs, then success, failed, abandoned and in progress, as {@link Outcomes#COUNTS}. */
    final long[] counts = new long[5];

    long goalAttempts;
    long failuresBeforeSuccess;
    long runsWithRetries;

    /** Sorted once the read is done. */
    long[] durations = new long[4];

    /** Each run's actor number, then the distinct ones sorted once the read is done. */
    int[] actors = new int[4];

    /** Runs per list of error types (each list as stored, types separated by new lines). */
    final Map<String, Long> errorLists = new HashMap<>();

    Day(String workflow, String tool, String day, String category, boolean auto) {
      this.workflow = workflow;
      this.tool = tool;
      this.day = day;
      this.category = category;
      this.auto = auto;
    }
  }

  private record Key(String workflow, String tool, String day) {}

  private final List<Day> days;
  private final int actorCount;

  private WorkflowDays(List<Day> days, int actorCount) {
    this.days = days;
    this.actorCount = actorCount;
  }

  /** The stored runs, or null when there are more than {@code maxRuns} of them. */
  static WorkflowDays read(SqlReads c, int maxRuns) throws SQLException {
    if (Query.moreRows(c, "workflow_runs", maxRuns)) {
      return null;
    }
    Map<Key, Day> days = new LinkedHashMap<>();
    Map<String, Integer> actors = new HashMap<>();
    c.each(
        "SELECT workflow, tool, start_day, category, CASE WHEN auto THEN 1 ELSE 0 END,"
            + " CASE outcome WHEN 'SUCCESS' THEN 1 WHEN 'FAILED' THEN 2 WHEN 'ABANDONED' THEN 3"
            + " WHEN 'IN_PROGRESS' THEN 4 ELSE 0 END,"
            + " actor_id, duration_ms, goal_attempts, failures_before_success, error_types"
            + " FROM workflow_runs",
        List.of(),
        rs -> {
          String category = rs.getString(4);
          boolean auto = rs.getInt(5) == 1;
          Day d =
              days.computeIfAbsent(
                  new Key(rs.getString(1), rs.getString(2), rs.getString(3)),
                  k -> new Day(k.workflow(), k.tool(), k.day(), category, auto));
          if (category.compareTo(d.category) < 0) {
            d.category = category;
          }
          d.auto |= auto;
          int run = (int) d.counts[0]++;
          int outcome = rs.getInt(6);
          if (outcome > 0) {
            d.counts[outcome]++;
          }
          if (run == d.durations.length) {
            d.durations = Arrays.copyOf(d.durations, run * 2);
            d.actors = Arrays.copyOf(d.actors, run * 2);
          }
          d.actors[run] = actors.computeIfAbsent(rs.getString(7), a -> actors.size());
          d.durations[run] = rs.getLong(8);
          int goalAttempts = rs.getInt(9);
          d.goalAttempts += goalAttempts;
          d.runsWithRetries += goalAttempts > 1 ? 1 : 0;
          d.failuresBeforeSuccess += rs.getInt(10);
          String errors = rs.getString(11);
          if (!errors.isEmpty()) {
            d.errorLists.merge(errors, 1L, Long::sum);
          }
        });
    for (Day d : days.values()) {
      d.durations = Arrays.copyOf(d.durations, (int) d.counts[0]);
      Arrays.sort(d.durations);
      d.actors = Arrays.stream(d.actors, 0, (int) d.counts[0]).sorted().distinct().toArray();
    }
    return new WorkflowDays(List.copyOf(days.values()), actors.size());
  }

  /**
   * The groups {@link WorkflowQueries#groups} returns for whole workflows at {@link
   * Outcomes.Detail#FULL}: {@code workflow} null means every workflow, and auto workflows not in
   * {@code autos} are left out.
   */
  List<WorkflowQueries.Group> groups(ReportFilter filter, String workflow, Set<String> autos) {
    Map<String, List<Day>> byWorkflow = new LinkedHashMap<>();
    for (Day d : selected(filter, workflow)) {
      byWorkflow.computeIfAbsent(d.workflow, w -> new ArrayList<>()).add(d);
    }
    List<WorkflowQueries.Group> groups = new ArrayList<>();
    BitSet actors = new BitSet(actorCount);
    byWorkflow.forEach(
        (name, selected) -> {
          String tool = selected.get(0).tool;
          String category = selected.get(0).category;
          boolean auto = false;
          long[] counts = new long[5];
          actors.clear();
          for (Day d : selected) {
            tool = d.tool.compareTo(tool) < 0 ? d.tool : tool;
            category = d.category.compareTo(category) < 0 ? d.category : category;
            auto |= d.auto;
            for (int i = 0; i < counts.length; i++) {
              counts[i] += d.counts[i];
            }
            for (int a : d.actors) {
              actors.set(a);
            }
          }
          if (auto && !autos.contains(name)) {
            return;
          }
          groups.add(
              new WorkflowQueries.Group(
                  name,
                  tool,
                  category,
                  name,
                  new Outcomes(
                      counts[0],
                      counts[1],
                      counts[2],
                      counts[3],
                      counts[4],
                      actors.cardinality(),
                      percentile(selected, 0.5, counts[0]),
                      percentile(selected, 0.9, counts[0]))));
        });
    return groups;
  }

  /** The attempts of {@code workflow}'s runs in {@code filter}, auto or not. */
  WorkflowReport.Attempts attempts(ReportFilter filter, String workflow) {
    long runs = 0;
    long goalAttempts = 0;
    long failures = 0;
    long retried = 0;
    for (Day d : selected(filter, workflow)) {
      runs += d.counts[0];
      goalAttempts += d.goalAttempts;
      failures += d.failuresBeforeSuccess;
      retried += d.runsWithRetries;
    }
    return runs == 0
        ? new WorkflowReport.Attempts(null, null, 0)
        : new WorkflowReport.Attempts(
            (double) goalAttempts / runs, (double) failures / runs, retried);
  }

  /** How many of {@code workflow}'s runs in {@code filter} had each list of error types. */
  Map<String, Long> errorLists(ReportFilter filter, String workflow) {
    Map<String, Long> lists = new HashMap<>();
    for (Day d : selected(filter, workflow)) {
      d.errorLists.forEach((list, runs) -> lists.merge(list, runs, Long::sum));
    }
    return lists;
  }

  private List<Day> selected(ReportFilter filter, String workflow) {
    ReportFilter.Rows in = filter.rows();
    List<Day> selected = new ArrayList<>();
    for (Day d : days) {
      if (in.test(d.day, d.tool) && (workflow == null || workflow.equals(d.workflow))) {
        selected.add(d);
      }
    }
    return selected;
  }

  /**
   * PostgreSQL's {@code percentile_disc(fraction)} of the durations of {@code days} ({@code runs}
   * in all): the value at position {@code ceil(fraction * runs)} in their order, found by a binary
   * search over the values that counts, in each day's sorted durations, those at or below it.
   */
  private static Long percentile(List<Day> days, double fraction, long runs) {
    if (runs == 0) {
      return null;
    }
    long position = Math.max(1, (long) Math.ceil(fraction * runs));
    long low = Long.MAX_VALUE;
    long high = Long.MIN_VALUE;
    for (Day d : days) {
      if (d.durations.length > 0) {
        low = Math.min(low, d.durations[0]);
        high = Math.max(high, d.durations[d.durations.length - 1]);
      }
    }
    // the answer is the least value with at least `position` durations at or below it
    while (low < high) {
      long mid = (low & high) + ((low ^ high) >> 1); // the floor of the mean, without overflow
      long atOrBelow = 0;
      for (Day d : days) {
        atOrBelow += atOrBelow(d.durations, mid);
      }
      if (atOrBelow >= position) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }

  /** How many of the sorted {@code values} are at most {@code value}. */
  private static int atOrBelow(long[] values, long value) {
    int low = 0;
    int high = values.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (values[mid] <= value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
