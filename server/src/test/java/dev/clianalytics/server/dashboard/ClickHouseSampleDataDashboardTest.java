package dev.clianalytics.server.dashboard;

import dev.clianalytics.server.testing.TestClickHouse;

/**
 * The same dashboard checks on ClickHouse: the sample data ingested and inferred through the API
 * with tokens, and read by the page with the read token a user enters.
 */
class ClickHouseSampleDataDashboardTest extends SampleDataDashboardTest {
  private TestClickHouse clickHouse;

  @Override
  protected String databaseUrl() {
    if (clickHouse == null) {
      clickHouse = TestClickHouse.create(ClickHouseSampleDataDashboardTest.class);
    }
    return clickHouse.databaseUrl();
  }

  @Override
  protected void stopBackend() {
    super.stopBackend();
    if (clickHouse != null) {
      clickHouse.close();
    }
  }

  @Override
  protected String screenshotPrefix() {
    return "sample-clickhouse";
  }
}
