package dev.clianalytics.server.dashboard;

/** The dashboard over canned report JSON: the page on its own, whatever the reports compute. */
class CannedReportsDashboardTest extends DashboardBrowserContract {
  private CannedReports reports;

  @Override
  protected String startBackend() {
    reports = CannedReports.start(null, false);
    return reports.origin();
  }

  @Override
  protected void stopBackend() {
    if (reports != null) {
      reports.close();
    }
  }

  @Override
  protected String screenshotPrefix() {
    return "canned";
  }
}
