package dev.clianalytics.server.scenario;

/** The scenarios on embedded DuckDB. */
class DuckDbScenarioTest extends ServerFixture implements AllScenarios {
  @Override
  protected String newDatabaseUrl() {
    return null;
  }
}
