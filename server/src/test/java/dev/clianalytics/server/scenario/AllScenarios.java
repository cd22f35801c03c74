package dev.clianalytics.server.scenario;

/** Every scenario: what each backend's scenario test runs. */
interface AllScenarios
    extends InferenceScenarios,
        SessionScenarios,
        OutcomeScenarios,
        PathScenarios,
        SampleScenarios,
        FilterScenarios,
        ReportHardeningScenarios,
        PinnedReportScenarios,
        AdoptionScenarios,
        VersionScenarios,
        CacheScenarios {}
