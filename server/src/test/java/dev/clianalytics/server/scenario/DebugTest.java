package dev.clianalytics.server.scenario;

import static dev.clianalytics.server.scenario.Ev.ev;

import org.junit.jupiter.api.Test;

class DebugTest extends ServerFixture {
  @Override
  protected String newDatabaseUrl() {
    return null;
  }

  @Test
  void debug() throws Exception {
    send(
        ev("a", 0, "terraform init", 0),
        ev("a", 1, "terraform plan", 0),
        ev("a", 2, "terraform apply", 0),
        ev("b", 0, "git status", 0));
    System.out.println(infer());
    System.out.println(http().get("/rest/v1/events", "Authorization", "Bearer " + TOKEN).body());
  }
}
