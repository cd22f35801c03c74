package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Scenarios.ev;
import static dev.clianalytics.server.scenario.Scenarios.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Version adoption week by week, and active users by os/arch and runtime (docs/reports.md). */
interface AdoptionScenarios extends Scenarios {
  int WEEK = 7 * 24 * 60;

  /** Last week a and b ran 1.0.0 on linux and c 1.1.0 on a Mac; this week all three and d. */
  private void twoWeeksOfReleases() {
    send(
        ev("a", -WEEK, "mytool deploy", 0).version("1.0.0").platform("Linux", "x86_64", "java-21"),
        ev("b", -WEEK, "mytool deploy", 1).version("1.0.0").platform("linux", "amd64", "java-21"),
        ev("c", -WEEK, "mytool deploy", 0).version("1.1.0").platform("darwin", "arm64", "java-21"),
        ev("a", 0, "mytool deploy", 0).version("1.1.0").platform("linux", "amd64", "java-21"),
        ev("b", 1, "mytool deploy", 0).version("1.1.0").platform("linux", "amd64", "java-21"),
        ev("c", 2, "mytool deploy", 0).version("1.1.0").platform("darwin", "arm64", "java-21"),
        ev("d", 3, "mytool deploy", 0).version("1.0.0"));
    infer();
  }

  private static List<String> rows(Map<?, ?> report, String table, String... fields) {
    return ((List<?>) report.get(table))
        .stream()
            .map(Map.class::cast)
            .map(
                r -> {
                  StringBuilder s = new StringBuilder();
                  for (String f : fields) {
                    s.append(s.isEmpty() ? "" : " ").append(r.get(f));
                  }
                  return s.toString();
                })
            .toList();
  }

  @Test
  default void adoption_countsActiveUsersPerVersionWeekByWeek() {
    twoWeeksOfReleases();

    Map<?, ?> r = get("/reports/adoption");

    String lastWeek = week(-WEEK);
    String thisWeek = week(0);
    assertEquals(
        List.of(
            lastWeek + " 1.0.0 2",
            lastWeek + " 1.1.0 1",
            thisWeek + " 1.1.0 3",
            thisWeek + " 1.0.0 1"),
        rows(r, "weeks", "week", "tool_version", "active_users"));
    Map<?, ?> first = (Map<?, ?>) ((List<?>) r.get("weeks")).get(0);
    assertEquals(2.0 / 3, num(first.get("share")), 1e-9);
    assertEquals("mytool", first.get("tool"));
  }

  @Test
  default void adoption_countsAnActorOnceHoweverOftenTheyRan() {
    send(
        ev("a", 0, "mytool deploy", 0).version("1.1.0"),
        ev("a", 1, "mytool deploy", 1).version("1.1.0"),
        ev("a", 2, "mytool status", 0).version("1.1.0"),
        ev("b", 3, "mytool deploy", 0).version("1.1.0"),
        ev("b", 4, "mytool deploy", 0).version("1.0.0"));
    infer();

    Map<?, ?> r = get("/reports/adoption");

    assertEquals(
        List.of(week(0) + " 1.1.0 2 4", week(0) + " 1.0.0 1 1"),
        rows(r, "weeks", "week", "tool_version", "active_users", "events"));
    List<?> weeks = (List<?>) r.get("weeks");
    assertEquals(1.0, num(((Map<?, ?>) weeks.get(0)).get("share")), 1e-9);
    assertEquals(0.5, num(((Map<?, ?>) weeks.get(1)).get("share")), 1e-9);
  }

  @Test
  default void adoption_fromFiltersOnTheDayTheCommandRan() {
    twoWeeksOfReleases();

    Map<?, ?> r = get("/reports/adoption?from=" + day(0) + "&tool=mytool");

    assertEquals(List.of("1.1.0 3", "1.0.0 1"), rows(r, "weeks", "tool_version", "active_users"));
  }

  @Test
  default void platforms_countActiveUsersByOsArchAndRuntime() {
    twoWeeksOfReleases();

    Map<?, ?> r = get("/reports/platforms");

    assertEquals(
        List.of("linux amd64 2", "darwin arm64 1", "unknown unknown 1"),
        rows(r, "platforms", "os", "arch", "active_users"));
    assertEquals(List.of("java-21 3", "unknown 1"), rows(r, "runtimes", "runtime", "active_users"));
    Map<?, ?> linux = (Map<?, ?>) ((List<?>) r.get("platforms")).get(0);
    assertEquals(0.5, num(linux.get("share")), 1e-9);
  }

  @Test
  default void adoptionAndPlatforms_answerCsv() {
    twoWeeksOfReleases();

    var adoption =
        http()
            .get("/reports/adoption?format=csv", "Authorization", "Bearer " + ServerFixture.TOKEN);
    assertTrue(adoption.contentType().startsWith("text/csv"), adoption.contentType());
    List<String> lines = adoption.body().lines().toList();
    assertEquals("week,week_start,tool,tool_version,active_users,share,events", lines.get(0));
    assertEquals(5, lines.size(), adoption.body());
    var platforms =
        http()
            .get("/reports/platforms?format=csv", "Authorization", "Bearer " + ServerFixture.TOKEN);
    assertEquals(
        "os,arch,active_users,share,events", platforms.body().lines().findFirst().orElseThrow());
    assertTrue(platforms.body().contains("linux,amd64,2,0.5,4"), platforms.body());
  }

  @Test
  default void eventsNotYetInferred_areNotCounted() {
    twoWeeksOfReleases();
    send(ev("e", 4, "mytool deploy", 0).version("2.0.0").platform("windows", "amd64", "java-17"));

    assertEquals(4, ((List<?>) get("/reports/adoption").get("weeks")).size());
    infer();
    assertEquals(5, ((List<?>) get("/reports/adoption").get("weeks")).size());
  }

  @Test
  default void eachInference_addsOnlyTheEventsItProcessed() {
    twoWeeksOfReleases();
    send(ev("a", 5, "mytool status", 0).version("1.1.0").platform("linux", "amd64", "java-21"));
    infer();

    Map<?, ?> r = get("/reports/adoption?from=" + day(0));

    assertEquals(
        List.of("1.1.0 3 4", "1.0.0 1 1"),
        rows(r, "weeks", "tool_version", "active_users", "events"));
    assertEquals(
        List.of("linux amd64 2 5", "darwin arm64 1 2", "unknown unknown 1 1"),
        rows(get("/reports/platforms"), "platforms", "os", "arch", "active_users", "events"));
  }

  @Test
  default void erasure_removesTheActorFromAdoptionAndPlatforms() {
    twoWeeksOfReleases();

    var erased = http().delete("/actors/d", "Authorization", "Bearer " + ServerFixture.TOKEN);
    assertEquals(200, erased.status(), erased.body());

    assertEquals(
        List.of(week(-WEEK) + " 1.0.0 2", week(-WEEK) + " 1.1.0 1", week(0) + " 1.1.0 3"),
        rows(get("/reports/adoption"), "weeks", "week", "tool_version", "active_users"));
    assertEquals(
        List.of("linux amd64 2", "darwin arm64 1"),
        rows(get("/reports/platforms"), "platforms", "os", "arch", "active_users"));
  }

  private static String week(double minutes) {
    LocalDate d = LocalDate.ofInstant(Scenarios.at(minutes), ZoneOffset.UTC);
    return "%d-W%02d"
        .formatted(
            d.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
            d.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static String day(double minutes) {
    return LocalDate.ofInstant(Scenarios.at(minutes), ZoneOffset.UTC).toString();
  }
}
