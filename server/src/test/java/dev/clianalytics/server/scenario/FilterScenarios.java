package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Scenarios.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The from/to/tool filters, CSV answers and parameter errors of every report. */
interface FilterScenarios extends Scenarios {

  private void twoDaysTwoTools() {
    send(
        ev("a", 0, "terraform plan", 0),
        ev("a", 1, "terraform apply", 1),
        ev("b", 0, "git push", 1),
        ev("a", 24 * 60, "terraform plan", 0),
        ev("a", 24 * 60 + 1, "terraform apply", 0),
        ev("closer", 24 * 60 + 600, "ls", 0));
    infer();
  }

  private static String day(double minutes) {
    return LocalDate.ofInstant(Scenarios.at(minutes), ZoneOffset.UTC).toString();
  }

  @Test
  default void summary_fromTo_countsOnlyThoseDays() {
    twoDaysTwoTools();

    Map<?, ?> first = get("/reports/summary?from=" + day(0) + "&to=" + day(0));

    assertEquals(3L, first.get("events"));
    assertEquals(2L, first.get("sessions"));
    assertEquals(day(0), first.get("from"));
  }

  @Test
  default void summary_tool_countsOnlyThatTool() {
    twoDaysTwoTools();

    Map<?, ?> git = get("/reports/summary?tool=git");

    assertEquals(1L, git.get("events"));
    assertEquals(1L, git.get("actors"));
    assertEquals(1L, git.get("sessions"));
    List<?> workflows = (List<?>) git.get("workflows");
    assertEquals(
        List.of("git_push"), workflows.stream().map(w -> ((Map<?, ?>) w).get("name")).toList());
  }

  @Test
  default void workflowReport_byWeekAndByVersion_countRuns() {
    twoDaysTwoTools();

    Map<?, ?> r = get("/reports/workflows/apply_workflow");

    assertEquals(2L, r.get("runs"));
    assertEquals("terraform", r.get("tool"));
    assertEquals("builtin", ((Map<?, ?>) r.get("definition")).get("source"));
    long byWeek =
        ((List<?>) r.get("by_week"))
            .stream().mapToLong(w -> (Long) ((Map<?, ?>) w).get("runs")).sum();
    assertEquals(2L, byWeek);
    assertEquals("1.0.0", ((Map<?, ?>) ((List<?>) r.get("by_version")).get(0)).get("version"));
  }

  @Test
  default void versionsAndTrends_followTheFiltersAndTheNextInference() {
    twoDaysTwoTools();
    String firstDay = "from=" + day(0) + "&to=" + day(0);

    assertEquals(2L, versionRuns("/reports/versions", "apply_workflow"));
    assertEquals(1L, versionRuns("/reports/versions?" + firstDay, "apply_workflow"));
    assertEquals(1L, versionRuns("/reports/versions?from=" + day(24 * 60), "apply_workflow"));
    assertEquals(0L, versionRuns("/reports/versions?tool=git", "apply_workflow"));
    assertEquals(1L, versionRuns("/reports/versions?tool=git", "git_push"));
    assertEquals(2L, trendRuns("/reports/trends", "apply_workflow"));
    assertEquals(1L, trendRuns("/reports/trends?" + firstDay, "apply_workflow"));
    assertEquals(0L, trendRuns("/reports/trends?tool=terraform", "git_push"));

    send(ev("a", 2 * 24 * 60, "terraform plan", 0), ev("a", 2 * 24 * 60 + 1, "terraform apply", 0));
    infer();

    assertEquals(3L, versionRuns("/reports/versions", "apply_workflow"));
    assertEquals(1L, versionRuns("/reports/versions?" + firstDay, "apply_workflow"));
    assertEquals(3L, trendRuns("/reports/trends", "apply_workflow"));
    assertEquals(
        2L,
        trendRuns("/reports/trends?from=" + day(24 * 60) + "&tool=terraform", "apply_workflow"));
  }

  /** The runs of every version of {@code workflow} in a versions report. */
  private long versionRuns(String path, String workflow) {
    return rowsOf(get(path), workflow, "versions");
  }

  /** The runs of every week of {@code workflow} in a trends report. */
  private long trendRuns(String path, String workflow) {
    return rowsOf(get(path), workflow, "points");
  }

  private static long rowsOf(Map<?, ?> report, String workflow, String rows) {
    return ((List<?>) report.get("workflows"))
        .stream()
            .map(w -> (Map<?, ?>) w)
            .filter(w -> workflow.equals(w.get("workflow")) || workflow.equals(w.get("name")))
            .flatMap(w -> ((List<?>) w.get(rows)).stream())
            .mapToLong(r -> (Long) ((Map<?, ?>) r).get("runs"))
            .sum();
  }

  @Test
  default void csv_isOfferedForEveryTableReport() {
    twoDaysTwoTools();

    for (String path :
        List.of(
            "/reports/summary",
            "/reports/workflows/apply_workflow",
            "/reports/hot-paths",
            "/reports/recovery",
            "/reports/nsm",
            "/reports/versions",
            "/reports/trends")) {
      var r = http().get(path + "?format=csv", "Authorization", "Bearer " + ServerFixture.TOKEN);
      assertEquals(200, r.status(), path);
      assertTrue(r.contentType().startsWith("text/csv"), path);
    }
  }

  @Test
  default void badParameters_are400Problems() {
    for (String path :
        List.of(
            "/reports/summary?from=yesterday",
            "/reports/summary?from=2026-02-02&to=2026-02-01",
            "/reports/summary?format=xml",
            "/reports/hot-paths?limit=0",
            "/reports/nsm?weeks=x",
            "/reports/nsm?include_ci=maybe",
            "/infer?full=yes")) {
      var r =
          path.startsWith("/infer")
              ? http().post(path, "", "Authorization", "Bearer " + ServerFixture.TOKEN)
              : http().get(path, "Authorization", "Bearer " + ServerFixture.TOKEN);
      assertEquals(400, r.status(), path);
      assertTrue(r.contentType().startsWith("application/problem+json"), path);
    }
  }

  @Test
  default void reports_needAToken() {
    assertEquals(401, http().get("/reports/summary").status());
    assertEquals(401, http().post("/infer", "").status());
  }

  @Test
  default void minActors_hidesWorkflowsOfFewerActors() {
    restart(Map.of("MIN_ACTORS", "2"));
    twoDaysTwoTools();

    List<?> workflows = (List<?>) get("/reports/summary").get("workflows");

    assertEquals(List.of(), workflows);
  }
}
