package dev.clianalytics.core.nsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NorthStarTest {
  static NorthStar aggregate(NsmOptions options, Ev... events) {
    NorthStar nsm = new NorthStar(options);
    for (Ev e : events) {
      nsm.add(e.build());
    }
    return nsm;
  }

  static NorthStar aggregate(Ev... events) {
    return aggregate(NsmOptions.defaults(), events);
  }

  @Test
  void weeks_successfulRunsPerActiveDeveloper_countsDevelopersWithoutSuccessToo() {
    var nsm =
        aggregate(
            Ev.at("10:00").cmd("ai-do run").actor("a"),
            Ev.at("10:05").cmd("ai-do run").actor("a"),
            Ev.at("10:10").cmd("ai-do plan").actor("a").exit(1),
            Ev.at("11:00").cmd("ai-do run").actor("b").exit(1),
            Ev.at("11:00").cmd("terraform apply").actor("c"));
    assertEquals(List.of(new NsmWeek("2026-W02", 2, 2, 1.0)), nsm.weeks());
  }

  @Test
  void weeks_ciEventsAreExcludedUnlessIncluded() {
    Ev[] events = {
      Ev.at("10:00").cmd("ai-do run").actor("a"), Ev.at("10:00").cmd("ai-do run").actor("bot").ci()
    };
    assertEquals(List.of(new NsmWeek("2026-W02", 1, 1, 1.0)), aggregate(events).weeks());
    var withCi = aggregate(new NsmOptions("ai-do", true), events);
    assertEquals(List.of(new NsmWeek("2026-W02", 2, 2, 1.0)), withCi.weeks());
  }

  @Test
  void weeks_areGroupedByIsoWeekOldestFirst() {
    var nsm =
        aggregate(
            Ev.at("2026-01-12T09:00:00Z").cmd("ai-do run"),
            Ev.at("2026-01-11T23:59:59Z").cmd("ai-do run"),
            Ev.at("2026-01-05T00:00:00Z").cmd("ai-do run").actor("b"));
    assertEquals(
        List.of(new NsmWeek("2026-W02", 2, 2, 1.0), new NsmWeek("2026-W03", 1, 1, 1.0)),
        nsm.weeks());
  }

  @Test
  void isoWeek_aroundNewYear_usesTheWeekBasedYear() {
    assertEquals("2026-W01", IsoWeeks.of(LocalDate.parse("2025-12-29")));
    assertEquals("2025-W52", IsoWeeks.of(LocalDate.parse("2025-12-28")));
    assertEquals("2026-W53", IsoWeeks.of(LocalDate.parse("2026-12-31")));
    assertEquals("2026-W53", IsoWeeks.of(LocalDate.parse("2027-01-03")));
    assertEquals("2027-W01", IsoWeeks.of(LocalDate.parse("2027-01-04")));
    assertEquals("2020-W53", IsoWeeks.of(LocalDate.parse("2021-01-01")));
  }

  @Test
  void isoWeek_ofAnInstant_isTakenInUtc() {
    assertEquals("2026-W53", IsoWeeks.of(java.time.Instant.parse("2027-01-03T23:30:00Z")));
  }

  @Test
  void command_matchesOnPathAfterTheTool() {
    var nsm =
        aggregate(
            new NsmOptions("deploy", false),
            Ev.at("10:00").cmd("platform deploy").actor("a"),
            Ev.at("10:01").cmd("platform status").actor("b"),
            Ev.at("10:02").cmd("git status").actor("c"));
    assertEquals(List.of(new NsmWeek("2026-W02", 2, 1, 0.5)), nsm.weeks());
  }

  @Test
  void command_withSubcommand_countsOnlyThatSubcommandAsRuns() {
    var nsm =
        aggregate(
            new NsmOptions("ai-do run", false),
            Ev.at("10:00").cmd("ai-do run").actor("a"),
            Ev.at("10:01").cmd("ai-do plan").actor("b"));
    assertEquals(List.of(new NsmWeek("2026-W02", 2, 1, 0.5)), nsm.weeks());
  }

  @Test
  void toJson_hasWeeklyTotalsByDeveloperAndWeek() {
    var nsm = aggregate(Ev.at("10:00").cmd("ai-do run").actor("dev-hash"));
    assertEquals(
        "{\"type\":\"nsm_weekly_totals\",\"command\":\"ai-do\",\"include_ci\":false,"
            + "\"weeks\":[{\"week\":\"2026-W02\",\"active_developers\":1,\"successful_runs\":1,"
            + "\"per_active_developer\":1}],"
            + "\"developers\":[{\"developer\":\"dev-hash\",\"week\":\"2026-W02\","
            + "\"successful_runs\":1,\"events\":1}]}",
        Json.write(nsm.toJson()));
  }

  @Test
  void weeks_fromStoredDeveloperWeeks_equalTheLiveSeries() {
    var nsm =
        aggregate(
            Ev.at("10:00").cmd("ai-do run").actor("a"),
            Ev.at("10:00").cmd("ai-do run").actor("b").exit(2));
    assertEquals(nsm.weeks(), NorthStar.weeks(nsm.developerWeeks()));
  }
}
