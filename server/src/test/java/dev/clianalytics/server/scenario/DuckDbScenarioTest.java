package dev.clianalytics.server.scenario;

/** The scenarios on embedded DuckDB. */
class DuckDbScenarioTest extends ServerFixture
    implements InferenceScenarios,
        SessionScenarios,
        OutcomeScenarios,
        PathScenarios,
        SampleScenarios,
        FilterScenarios,
        ReportHardeningScenarios,
        PinnedReportScenarios,
        AdoptionScenarios,
        VersionScenarios,
        CacheScenarios {
  @Override
  protected String newDatabaseUrl() {
    return null;
  }
}
