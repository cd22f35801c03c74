package dev.clianalytics.server.scenario;

/** The scenarios on embedded DuckDB. */
class DuckDbScenarioTest extends ServerFixture implements InferenceScenarios {
  @Override
  protected String newDatabaseUrl() {
    return null;
  }
}
