package dev.clianalytics.server.scenario;

import dev.clianalytics.server.testing.TestClickHouse;

/** The scenarios on ClickHouse (the server the tests start; see TestClickHouse). */
class ClickHouseScenarioTest extends ServerFixture implements AllScenarios {
  private TestClickHouse ch;

  @Override
  protected String newDatabaseUrl() {
    ch = TestClickHouse.create(ClickHouseScenarioTest.class);
    return ch.databaseUrl();
  }

  @Override
  protected void dropDatabase() {
    if (ch != null) {
      ch.close();
      ch = null;
    }
  }
}
