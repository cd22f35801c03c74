package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Scenarios.ev;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.testing.Ev;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /reports/versions} (docs/reports.md) against figures the test derives itself: the
 * Wilson bounds as the roots of their quadratic, the one-sided two-proportion p-value with the
 * normal CDF integrated numerically, Bonferroni over the comparisons, {@code MIN_CLOSED} at its
 * boundary and the numeric version order.
 */
interface VersionScenarios extends Scenarios {

  /** How close the report's p-values and bounds must be to the test's own. */
  double TOLERANCE = 1e-6;

  /**
   * Sends {@code successes} successful and {@code closed - successes} failed apply_workflow runs
   * (plan, then apply) of {@code version}, one actor per run; infer() and a closer come later.
   */
  private List<Ev> runs(String version, int closed, int successes) {
    List<Ev> events = new ArrayList<>();
    for (int i = 0; i < closed; i++) {
      String actor = version + "-" + i;
      events.add(ev(actor, i, "terraform plan", 0).version(version));
      events.add(ev(actor, i + 0.5, "terraform apply", i < successes ? 0 : 1).version(version));
    }
    return events;
  }

  /** Sends the runs of each version given as {version, closed, successes} and infers. */
  private Map<?, ?> versionsReport(Object[]... versions) {
    List<Ev> events = new ArrayList<>();
    for (Object[] v : versions) {
      events.addAll(runs((String) v[0], (Integer) v[1], (Integer) v[2]));
    }
    events.add(closer());
    send(events.toArray(Ev[]::new));
    infer();
    return get("/reports/versions");
  }

  private static List<?> regressions(Map<?, ?> report) {
    return (List<?>) report.get("regressions");
  }

  private static List<?> versionRows(Map<?, ?> report) {
    List<?> workflows = (List<?>) report.get("workflows");
    Map<?, ?> apply =
        workflows.stream()
            .map(Map.class::cast)
            .filter(w -> "apply_workflow".equals(w.get("workflow")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("apply_workflow not in " + workflows));
    return (List<?>) apply.get("versions");
  }

  @Test
  default void versions_wilsonBoundsAreTheRootsOfTheScoreQuadratic() {
    Map<?, ?> report =
        versionsReport(new Object[] {"2.0.0", 20, 13}, new Object[] {"2.1.0", 12, 0});

    List<?> rows = versionRows(report);
    Map<?, ?> mid = (Map<?, ?>) rows.get(0);
    assertEquals("2.0.0", mid.get("version"));
    assertEquals(20L, mid.get("closed"));
    assertEquals(13L, mid.get("successes"));
    double[] expected = Reference.wilson(13, 20);
    assertEquals(expected[0], Scenarios.num(mid.get("ci_low")), TOLERANCE);
    assertEquals(expected[1], Scenarios.num(mid.get("ci_high")), TOLERANCE);

    // Zero successes: the lower bound is 0 (up to rounding), the upper bound z²/(n+z²).
    Map<?, ?> none = (Map<?, ?>) rows.get(1);
    assertEquals(0.0, Scenarios.num(none.get("ci_low")), 1e-12);
    double[] zero = Reference.wilson(0, 12);
    assertEquals(zero[1], Scenarios.num(none.get("ci_high")), TOLERANCE);
    assertEquals(
        Reference.Z * Reference.Z / (12 + Reference.Z * Reference.Z),
        Scenarios.num(none.get("ci_high")),
        TOLERANCE);
  }

  @Test
  default void versions_aSignificantDropCarriesItsOwnPValue() {
    Map<?, ?> report =
        versionsReport(new Object[] {"3.0.0", 20, 20}, new Object[] {"3.1.0", 20, 15});

    assertEquals(1L, report.get("comparisons"));
    assertEquals(0.05, Scenarios.num(report.get("alpha")));
    Map<?, ?> drop = (Map<?, ?>) regressions(report).get(0);
    assertEquals("3.0.0", drop.get("from_version"));
    assertEquals("3.1.0", drop.get("to_version"));
    assertEquals(0.25, Scenarios.num(drop.get("drop")), 1e-12);
    assertEquals(Reference.pDrop(20, 20, 15, 20), Scenarios.num(drop.get("p_value")), TOLERANCE);
  }

  @Test
  default void versions_aDropThatIsNotSignificantIsNotFlagged() {
    // 20/20 then 18/20: p = 0.073 by the test's own formula, above 0.05.
    double p = Reference.pDrop(20, 20, 18, 20);
    assertEquals(0.0734, p, 1e-4);

    Map<?, ?> report =
        versionsReport(new Object[] {"4.0.0", 20, 20}, new Object[] {"4.1.0", 20, 18});

    assertEquals(1L, report.get("comparisons"));
    assertEquals(List.of(), regressions(report));
  }

  @Test
  default void versions_justBelowTheThresholdIsFlagged() {
    // 13/15 then 9/15: p = 0.04932, just under 0.05.
    double p = Reference.pDrop(13, 15, 9, 15);
    assertEquals(0.04932, p, 1e-5);

    Map<?, ?> report =
        versionsReport(new Object[] {"5.0.0", 15, 13}, new Object[] {"5.1.0", 15, 9});

    List<?> flagged = regressions(report);
    assertEquals(1, flagged.size(), "regressions: " + flagged);
    assertEquals(p, Scenarios.num(((Map<?, ?>) flagged.get(0)).get("p_value")), TOLERANCE);
  }

  @Test
  default void versions_justAboveTheThresholdIsNotFlagged() {
    // 15/27 then 9/27: p = 0.05017, just over 0.05.
    assertEquals(0.05017, Reference.pDrop(15, 27, 9, 27), 1e-5);

    Map<?, ?> report =
        versionsReport(new Object[] {"6.0.0", 27, 15}, new Object[] {"6.1.0", 27, 9});

    assertEquals(1L, report.get("comparisons"));
    assertEquals(List.of(), regressions(report));
  }

  @Test
  default void versions_bonferroniDividesAlphaByTheComparisons() {
    // 20/20 then 17/20 has p = 0.036: significant alone, not against 0.05 / 2.
    assertEquals(0.0359, Reference.pDrop(20, 20, 17, 20), 1e-4);

    Map<?, ?> report =
        versionsReport(
            new Object[] {"7.0.0", 20, 20},
            new Object[] {"7.1.0", 20, 17},
            new Object[] {"7.2.0", 20, 17});

    assertEquals(2L, report.get("comparisons"));
    assertEquals(0.025, Scenarios.num(report.get("alpha")), 1e-12);
    assertEquals(List.of(), regressions(report));
  }

  @Test
  default void versions_fewerThanMinClosedRunsAreNotCompared() {
    // 10/10 then 0/9 would be a drop with p below 1e-5, but 9 closed runs are too few.
    Map<?, ?> report = versionsReport(new Object[] {"8.0.0", 10, 10}, new Object[] {"8.1.0", 9, 0});

    assertEquals(0L, report.get("comparisons"));
    assertEquals(List.of(), regressions(report));
    assertEquals(2, versionRows(report).size());
  }

  @Test
  default void versions_exactlyMinClosedRunsAreCompared() {
    Map<?, ?> report =
        versionsReport(new Object[] {"9.0.0", 10, 10}, new Object[] {"9.1.0", 10, 0});

    assertEquals(1L, report.get("comparisons"));
    Map<?, ?> drop = (Map<?, ?>) regressions(report).get(0);
    assertEquals(Reference.pDrop(10, 10, 0, 10), Scenarios.num(drop.get("p_value")), TOLERANCE);
  }

  @Test
  default void versions_orderedNumericallySoTheDropIsFromNineToTen() {
    // Text order would put 1.10.0 before 1.9.0 and report a rise from 1.10.0 to 1.9.0.
    Map<?, ?> report =
        versionsReport(
            new Object[] {"1.10.0", 20, 10},
            new Object[] {"1.9.0", 20, 20},
            new Object[] {"1.2.0", 20, 20});

    assertEquals(
        List.of("1.2.0", "1.9.0", "1.10.0"),
        versionRows(report).stream().map(r -> ((Map<?, ?>) r).get("version")).toList());
    assertEquals(2L, report.get("comparisons"));
    Map<?, ?> drop = (Map<?, ?>) regressions(report).get(0);
    assertEquals("1.9.0", drop.get("from_version"));
    assertEquals("1.10.0", drop.get("to_version"));
    assertEquals(1.0, Scenarios.num(drop.get("from_rate")));
    assertEquals(0.5, Scenarios.num(drop.get("to_rate")));
  }

  @Test
  default void minActors_hidesAVersionOfOneActorHoweverManyRunsItHas() {
    restart(Map.of("MIN_ACTORS", "2"));
    List<Ev> events = new ArrayList<>(runs("2.0.0", 2, 2));
    for (int i = 0; i < 3; i++) {
      events.add(ev("solo", 10 + i, "terraform plan", 0).version("2.1.0"));
      events.add(ev("solo", 10.5 + i, "terraform apply", 0).version("2.1.0"));
    }
    events.add(closer());
    send(events.toArray(Ev[]::new));
    infer();

    // Three runs of 2.1.0 come from one actor: they count in the workflow, not as a version.
    Map<?, ?> apply = get("/reports/workflows/apply_workflow");
    assertEquals(5L, apply.get("runs"));
    assertEquals(3L, apply.get("actors"));
    List<?> shown = List.of("2.0.0");
    assertEquals(
        shown, versionRows(get("/reports/versions")).stream().map(r -> version(r)).toList());
    assertEquals(shown, ((List<?>) apply.get("by_version")).stream().map(r -> version(r)).toList());
  }

  private static Object version(Object row) {
    return ((Map<?, ?>) row).get("version");
  }

  /** The test's own statistics, written independently of the server's. */
  final class Reference {
    /** The 97.5th percentile of the standard normal. */
    static final double Z = 1.959963984540054;

    private Reference() {}

    /** The Wilson interval as the two roots p of (x/n - p)² = z² p(1 - p) / n, a quadratic in p. */
    static double[] wilson(int x, int n) {
      double phat = (double) x / n;
      double z2 = Z * Z;
      double a = 1 + z2 / n;
      double b = -(2 * phat + z2 / n);
      double c = phat * phat;
      double root = Math.sqrt(b * b - 4 * a * c);
      return new double[] {(-b - root) / (2 * a), (-b + root) / (2 * a)};
    }

    /** P(Z >= z) for the pooled two-proportion statistic, the CDF by Simpson's rule. */
    static double pDrop(int s1, int n1, int s2, int n2) {
      double pooled = (double) (s1 + s2) / (n1 + n2);
      double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
      double z = ((double) s1 / n1 - (double) s2 / n2) / se;
      return 0.5 - Math.signum(z) * densityIntegral(Math.abs(z));
    }

    /** The integral of the standard normal density from 0 to x (Simpson, 20,000 intervals). */
    static double densityIntegral(double x) {
      int steps = 20_000;
      double h = x / steps;
      double sum = density(0) + density(x);
      for (int i = 1; i < steps; i++) {
        sum += (i % 2 == 1 ? 4 : 2) * density(i * h);
      }
      return sum * h / 3;
    }

    static double density(double t) {
      return Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
    }
  }
}
