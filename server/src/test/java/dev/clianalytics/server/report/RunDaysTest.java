package dev.clianalytics.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The version and week groups answered from the run counts per day, for each filter. */
class RunDaysTest {
  // day, tool, workflow, category, auto, version, week, runs, success, failed, abandoned, open
  private static final List<Object[]> ROWS =
      List.of(
          row("2026-03-01", "terraform", "apply_workflow", 0, "1.0", "2026-W09", 3, 2, 1),
          row("2026-03-02", "terraform", "apply_workflow", 0, "1.0", "2026-W10", 4, 1, 3),
          row("2026-03-02", "terraform", "apply_workflow", 0, "1.1", "2026-W10", 5, 5, 0),
          row("2026-03-03", "git", "git_push", 0, "2.0", "2026-W10", 2, 1, 1),
          row("2026-03-03", "mytool", "mytool_deploy", 1, "0.1", "2026-W10", 6, 6, 0));

  private static Object[] row(
      String day,
      String tool,
      String workflow,
      int auto,
      String version,
      String week,
      long runs,
      long success,
      long failed) {
    return new Object[] {
      day, tool, workflow, "deploy", auto, version, week, runs, success, failed, 0L, 0L
    };
  }

  private static final ReportFilter ALL = ReportFilter.NONE;

  @Test
  void versions_sumTheDaysInTheFilter() throws SQLException {
    RunDays days = RunDays.read(reads(ROWS), 100);

    assertEquals(
        Map.of("apply_workflow 1.0", 7L, "apply_workflow 1.1", 5L, "git_push 2.0", 2L),
        runs(days.groups(ALL, null, "tool_version", Set.of())));
    ReportFilter secondDay =
        new ReportFilter(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02"), null);
    assertEquals(
        Map.of("apply_workflow 1.0", 4L, "apply_workflow 1.1", 5L),
        runs(days.groups(secondDay, null, "tool_version", Set.of())));
    ReportFilter fromThird = new ReportFilter(LocalDate.parse("2026-03-03"), null, null);
    assertEquals(
        Map.of("git_push 2.0", 2L), runs(days.groups(fromThird, null, "tool_version", Set.of())));
  }

  @Test
  void weeks_followTheToolAndWorkflow() throws SQLException {
    RunDays days = RunDays.read(reads(ROWS), 100);

    ReportFilter terraform = new ReportFilter(null, null, "terraform");
    assertEquals(
        Map.of("apply_workflow 2026-W09", 3L, "apply_workflow 2026-W10", 9L),
        runs(days.groups(terraform, null, "week", Set.of())));
    assertEquals(
        Map.of("git_push 2026-W10", 2L), runs(days.groups(ALL, "git_push", "week", Set.of())));
  }

  @Test
  void outcomes_areSummedAndActorsIsTheLowerBound() throws SQLException {
    RunDays days = RunDays.read(reads(ROWS), 100);

    WorkflowQueries.Group g = days.groups(ALL, "apply_workflow", "week", Set.of()).get(1);

    assertEquals("2026-W10", g.key());
    assertEquals("terraform", g.tool());
    assertEquals("deploy", g.category());
    assertEquals(new Outcomes(9, 6, 3, 0, 0, 1, null, null), g.outcomes());
  }

  @Test
  void autoWorkflows_showOnlyWhenTheyQualify() throws SQLException {
    RunDays days = RunDays.read(reads(ROWS), 100);

    assertEquals(
        Map.of("mytool_deploy 0.1", 6L),
        runs(days.groups(ALL, "mytool_deploy", "tool_version", Set.of("mytool_deploy"))));
    assertEquals(Map.of(), runs(days.groups(ALL, "mytool_deploy", "tool_version", Set.of())));
  }

  @Test
  void tooManyRows_areNotKept() throws SQLException {
    assertNull(RunDays.read(reads(ROWS), ROWS.size() - 1));
    RunDays exactly = RunDays.read(reads(ROWS), ROWS.size());
    assertEquals(
        Map.of(
            "apply_workflow 1.0", 7L,
            "apply_workflow 1.1", 5L,
            "git_push 2.0", 2L,
            "mytool_deploy 0.1", 6L),
        runs(exactly.groups(ALL, null, "tool_version", Set.of("mytool_deploy"))));
  }

  /** Runs per "workflow key". */
  private static Map<String, Long> runs(List<WorkflowQueries.Group> groups) {
    Map<String, Long> out = new TreeMap<>();
    groups.forEach(g -> out.put(g.workflow() + " " + g.key(), g.outcomes().runs()));
    return out;
  }

  /** Answers the one statement with {@code rows}, at most as many as its LIMIT asks. */
  private static SqlReads reads(List<Object[]> rows) {
    return new SqlReads() {
      @Override
      public <T> List<T> list(String sql, List<?> params, Mapper<T> mapper) throws SQLException {
        int limit = Integer.parseInt(sql.substring(sql.lastIndexOf("LIMIT ") + 6).strip());
        List<T> out = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(limit, rows.size()))) {
          out.add(mapper.map(new ArrayRow(row)));
        }
        return out;
      }
    };
  }
}
