package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demo_loadsSampleDataInfersAndPrintsTheSummaryWithWhereToLook() {
    CommandRun run = CommandRun.of("", "demo", "--port", "0", "--events", "3000", "--exit");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("loaded 3,000 sample events"), run.out());
    assertTrue(run.out().contains("apply_workflow"), run.out());
    assertTrue(run.out().contains("Dashboard:  http://localhost:"), run.out());
    assertTrue(run.out().contains("/docs"), run.out());
  }
}
