package dev.clianalytics.server.scenario;

/** The scenarios on embedded DuckDB. */
class DuckDbScenarioTest extends ServerFixture
    implements InferenceScenarios, SessionScenarios, OutcomeScenarios, PathScenarios {
  @Override
  protected String newDatabaseUrl() {
    return null;
  }
}
