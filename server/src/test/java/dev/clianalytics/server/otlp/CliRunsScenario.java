package dev.clianalytics.server.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

/**
 * The runs every compatibility test sends through its real exporter, and what {@code
 * /reports/summary} must then show. Alice (one trace: the shell that ran her commands propagated
 * its context) runs {@code terraform plan}, a failing {@code terraform apply} and a successful one
 * three hours ago, with an HTTP call of the tool's under the failing apply; Bob's one {@code
 * terraform apply} failed at the same time; Carol ran {@code terraform version} a minute ago as a
 * root INTERNAL span with no exit code, which also closes the older sessions.
 */
final class CliRunsScenario {
  private CliRunsScenario() {}

  /** Checks the summary of a server that received exactly these runs. */
  static void assertSummary(Map<?, ?> summary) {
    assertEquals(5L, summary.get("events"), summary.toString());
    assertEquals(3L, summary.get("actors"), summary.toString());
    Map<?, ?> apply = workflow(summary, "apply_workflow");
    assertEquals(2L, apply.get("runs"), apply.toString());
    Map<?, ?> outcomes = (Map<?, ?>) apply.get("outcomes");
    assertEquals(1L, outcomes.get("SUCCESS"), apply.toString());
    assertEquals(1L, outcomes.get("FAILED"), apply.toString());
    assertEquals(0L, outcomes.get("ABANDONED"), apply.toString());
    assertEquals(0L, outcomes.get("IN_PROGRESS"), apply.toString());
    List<?> failing = (List<?>) summary.get("top_failing_commands");
    assertEquals(
        "terraform apply", ((Map<?, ?>) failing.getFirst()).get("command"), failing.toString());
  }

  private static Map<?, ?> workflow(Map<?, ?> summary, String name) {
    for (Object row : (List<?>) summary.get("workflows")) {
      if (name.equals(((Map<?, ?>) row).get("name"))) {
        return (Map<?, ?>) row;
      }
    }
    throw new AssertionError("no workflow " + name + " in " + summary);
  }
}
