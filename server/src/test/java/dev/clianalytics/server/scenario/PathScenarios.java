package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Scenarios.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/reports.md through the API: hot paths, recovery, north-star, MIN_ACTORS. */
interface PathScenarios extends Scenarios {

  private void twoFailuresOneSuccess() {
    send(
        ev("a", 0, "terraform plan", 0),
        ev("a", 1, "terraform apply", 1),
        ev("b", 0, "terraform plan", 0),
        ev("b", 1, "terraform apply", 1),
        ev("c", 0, "terraform plan", 0),
        ev("c", 1, "terraform apply", 0),
        ev("d", 0, "git push", 1),
        closer());
    infer();
  }

  @Test
  default void hotPaths_countFailuresActorsOccurrences_rankedByFailures() {
    twoFailuresOneSuccess();

    List<?> paths = paths();

    assertEquals(2, paths.size());
    assertEquals(
        Map.of(
            "path", "terraform plan > terraform apply!",
            "failures", 2L,
            "actors", 2L,
            "occurrences", 3L,
            "failure_rate", 2.0 / 3),
        paths.get(0));
    assertEquals("git push!", ((Map<?, ?>) paths.get(1)).get("path"));
  }

  @Test
  default void minActors_hidesPathsAndFailingCommandsOfFewerActors() {
    restart(Map.of("MIN_ACTORS", "2"));
    twoFailuresOneSuccess();

    assertEquals(
        List.of("terraform plan > terraform apply!"),
        paths().stream().map(p -> ((Map<?, ?>) p).get("path")).toList());
    List<?> failing = (List<?>) get("/reports/summary").get("top_failing_commands");
    assertEquals(1, failing.size());
    assertEquals("terraform apply", ((Map<?, ?>) failing.get(0)).get("command"));
  }

  @Test
  default void hotPathsLimit_skipsHiddenPathsAndRanksTiedFailuresByActors() {
    restart(Map.of("MIN_ACTORS", "2"));
    // each failure in a session of its own (an hour apart), so each path is the command alone
    send(
        ev("a", 0, "npm test", 1),
        ev("a", 60, "npm test", 1),
        ev("a", 120, "npm test", 1),
        ev("a", 180, "npm test", 1),
        ev("b", 0, "git push", 1),
        ev("b", 60, "git push", 1),
        ev("c", 0, "git push", 1),
        ev("d", 0, "terraform apply", 1),
        ev("e", 0, "terraform apply", 1),
        ev("f", 0, "terraform apply", 1),
        closer());
    infer();

    // npm test fails most but for one actor; the other two tie on failures, and actors decide
    assertEquals(List.of("terraform apply!"), pathNames("?limit=1"));
    assertEquals(List.of("terraform apply!", "git push!"), pathNames("?limit=2"));
    assertEquals(
        List.of(3L, 2L), paths().stream().map(p -> ((Map<?, ?>) p).get("actors")).toList());
  }

  private List<?> pathNames(String query) {
    return ((List<?>) get("/reports/hot-paths" + query).get("paths"))
        .stream().map(p -> ((Map<?, ?>) p).get("path")).toList();
  }

  @Test
  default void recovery_shareAndMedianTimeToSuccess() {
    send(
        ev("a", 0, "terraform apply", 1),
        ev("a", 2, "terraform apply", 0),
        ev("b", 0, "terraform apply", 1),
        ev("c", 0, "terraform apply", 1),
        ev("c", 1, "terraform plan", 0),
        ev("c", 4, "terraform apply", 0),
        closer());
    infer();

    Map<?, ?> row = (Map<?, ?>) ((List<?>) get("/reports/recovery").get("commands")).get(0);

    assertEquals("terraform apply", row.get("command"));
    assertEquals(3L, row.get("failures"));
    assertEquals(2L, row.get("recovered"));
    assertEquals(2.0 / 3, row.get("recovery_rate"));
    assertEquals(180_000L, row.get("median_time_to_recover_ms"));
    assertEquals(
        List.of(
            Map.of("command", "(session ended)", "count", 1L),
            Map.of("command", "terraform apply", "count", 1L),
            Map.of("command", "terraform plan", "count", 1L)),
        row.get("next_commands"));
  }

  @Test
  default void recovery_sumsEverySessionOfAnActor() {
    send(
        // three sessions of one actor, an hour or more apart: recovered, gave up, recovered
        ev("a", 0, "terraform apply", 1),
        ev("a", 2, "terraform apply", 0),
        ev("a", 100, "terraform apply", 1),
        ev("a", 200, "terraform apply", 1),
        ev("a", 201, "terraform plan", 0),
        ev("a", 205, "terraform apply", 0),
        ev("b", 0, "terraform apply", 1),
        closer());
    infer();

    Map<?, ?> row = (Map<?, ?>) ((List<?>) get("/reports/recovery").get("commands")).get(0);

    assertEquals(4L, row.get("failures"));
    assertEquals(2L, row.get("recovered"));
    assertEquals(210_000L, row.get("median_time_to_recover_ms"));
    assertEquals(
        List.of(
            Map.of("command", "(session ended)", "count", 2L),
            Map.of("command", "terraform apply", "count", 1L),
            Map.of("command", "terraform plan", "count", 1L)),
        row.get("next_commands"));
  }

  @Test
  default void northStar_excludesCiUnlessAsked() {
    send(
        ev("a", 0, "ai-do run", 0),
        ev("a", 1, "ai-do run", 0),
        ev("b", 0, "ai-do run", 1),
        ev("c", 0, "ai-do run", 0).ci(),
        closer());
    infer();

    Map<?, ?> week = (Map<?, ?>) ((List<?>) get("/reports/nsm").get("weeks")).get(0);
    assertEquals(2L, week.get("active_developers"));
    assertEquals(2L, week.get("successful_runs"));
    assertEquals(1.0, Scenarios.num(week.get("per_active_developer")));

    Map<?, ?> withCi =
        (Map<?, ?>) ((List<?>) get("/reports/nsm?include_ci=true").get("weeks")).get(0);
    assertEquals(3L, withCi.get("active_developers"));
    assertEquals(3L, withCi.get("successful_runs"));
  }

  @Test
  default void summaryCsv_hasOneRowPerWorkflowWithOutcomeColumns() {
    twoFailuresOneSuccess();

    var r =
        http().get("/reports/summary?format=csv", "Authorization", "Bearer " + ServerFixture.TOKEN);

    assertEquals(200, r.status());
    String[] lines = r.body().split("\r\n");
    assertEquals(
        "name,tool,category,runs,SUCCESS,FAILED,ABANDONED,IN_PROGRESS,success_rate,"
            + "median_duration_ms,actors",
        lines[0]);
  }
}
