package dev.clianalytics.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What the dashboard must do in a real browser, over whatever serves the reports: a subclass starts
 * the backend (the real server loaded with sample data, or canned reports).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DashboardBrowserContract {
  /** A tool of the data set with a workflow named {@link #WORKFLOW}. */
  static final String TOOL = "terraform";

  static final String WORKFLOW = "apply_workflow";

  private Browser browser;
  private DashboardPage page;

  /** Starts the backend and returns its origin (http://127.0.0.1:PORT). */
  protected abstract String startBackend() throws Exception;

  protected abstract void stopBackend();

  /** Names the screenshots of this backend apart. */
  protected abstract String screenshotPrefix();

  /**
   * The read token a user of this backend has entered, or null where reads need none (the embedded
   * database without tokens). The page keeps an entered token in session storage, so the test puts
   * it there once, as the token prompt would (docs/dashboard.md).
   */
  protected String readToken() {
    return null;
  }

  @BeforeAll
  void start() throws Exception {
    browser = Browser.open();
    page = new DashboardPage(browser, startBackend());
    if (readToken() != null) {
      browser.driver.get(page.origin() + "/health"); // same origin, so the same session storage
      browser.js("sessionStorage.setItem('cli-analytics.read-token', arguments[0]);", readToken());
    }
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    stopBackend();
  }

  @BeforeEach
  void freshPage() {
    browser.size(1366, 768);
    page.open("/");
    browser.consoleErrors();
  }

  /** Whatever a test did, the browser logged no error on the way. */
  @AfterEach
  void noConsoleErrors() {
    assertEquals(List.of(), browser.consoleErrors(), "console errors");
  }

  @Test
  void overview_rendersEveryChartWithData_andATableAlternativeForEach() {
    assertEquals(5, browser.driver.findElements(By.cssSelector(".cards .card")).size());
    for (String chart : DashboardPage.OVERVIEW_CHARTS) {
      assertTrue(page.chartHasDrawn(chart), chart + " chart has drawn SVG");
      assertTrue(page.alternativeRows(chart) > 0, chart + " chart's table alternative has rows");
      String label =
          browser.driver.findElement(By.cssSelector(".chart-" + chart)).getAttribute("aria-label");
      assertTrue(label != null && !label.isBlank(), chart + " chart has an aria-label");
    }
    assertTrue(page.workflowRows().size() > 1, "the workflow table lists workflows");
    assertEquals(
        page.workflowRows().size(),
        browser.driver.findElements(By.cssSelector("#workflow-table tbody .bar")).size(),
        "every workflow row has an outcome bar");
    assertTrue(browser.driver.findElements(By.cssSelector("ol.ranked li")).size() > 0);
    assertEquals(List.of(), page.brokenText(), "values the overview failed to format");
  }

  @Test
  void cards_showTheNumbersTheApiAnswers() {
    String answer =
        (String)
            ((JavascriptExecutor) browser.driver)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + " const token = sessionStorage.getItem('cli-analytics.read-token');"
                        + " fetch('/reports/summary',"
                        + " token ? {headers: {Authorization: 'Bearer ' + token}} : {})"
                        + ".then(r => r.text()).then(done);");
    Map<?, ?> summary = (Map<?, ?>) Json.parse(answer);
    Map<String, String> cards = new HashMap<>();
    for (WebElement card : browser.driver.findElements(By.cssSelector(".cards .card"))) {
      cards.put(
          card.findElement(By.cssSelector(".card-label")).getText(),
          card.findElement(By.cssSelector(".card-value")).getText());
    }
    assertEquals(number(summary.get("events")), integer(cards.get("Events")));
    assertEquals(number(summary.get("actors")), integer(cards.get("Active developers")));
    assertEquals(number(summary.get("sessions")), integer(cards.get("Sessions")));
    double ciPercent = number(summary.get("ci_share")) * 100;
    String shown = cards.get("CI share");
    assertTrue(shown.endsWith("%"), shown);
    assertEquals(ciPercent, Double.parseDouble(shown.substring(0, shown.length() - 1)), 0.051);
  }

  private static double number(Object json) {
    return ((Number) json).doubleValue();
  }

  /** A count as the dashboard formats it ({@code 12,000}). */
  private static double integer(String shown) {
    return Double.parseDouble(shown.replace(",", ""));
  }

  @Test
  void toolFilter_narrowsTheWorkflowTable_andTheUrlKeepsItAcrossReloadAndBack() {
    Set<String> allTools = page.workflowTools();
    assertTrue(
        allTools.size() > 1 && allTools.contains(TOOL), "tools before filtering: " + allTools);

    new Select(browser.driver.findElement(By.id("filter-tool"))).selectByValue(TOOL);
    page.waitFor("return location.search.includes('tool=" + TOOL + "');");
    page.awaitSettled();
    assertEquals(Set.of(TOOL), page.workflowTools());

    browser.driver.navigate().refresh();
    page.awaitSettled();
    assertEquals("?tool=" + TOOL, page.query());
    assertEquals(Set.of(TOOL), page.workflowTools());
    assertEquals(
        TOOL,
        new Select(browser.driver.findElement(By.id("filter-tool")))
            .getFirstSelectedOption()
            .getAttribute("value"));

    browser.driver.navigate().back();
    page.waitFor("return location.search === '';");
    page.awaitSettled();
    assertEquals(allTools, page.workflowTools());
  }

  @Test
  void dateRange_inTheUrl_fillsTheFilters_andReachesEveryReport() {
    page.open("/?from=2026-01-05&to=2026-12-31");
    assertEquals(
        "2026-01-05", browser.driver.findElement(By.id("filter-from")).getAttribute("value"));
    assertEquals(
        "2026-12-31", browser.driver.findElement(By.id("filter-to")).getAttribute("value"));
    List<String> reports =
        browser.resourceUrls().stream().filter(u -> u.contains("/reports/")).toList();
    assertTrue(reports.size() >= 6, "reports requested: " + reports);
    assertTrue(
        reports.stream()
            .allMatch(u -> u.contains("from=2026-01-05") && u.contains("to=2026-12-31")),
        "every report carries the date range: " + reports);
  }

  @Test
  void workflowRow_opensItsReportInPage_byKeyboard_andBackReturnsToTheOverview() {
    browser
        .driver
        .findElement(By.cssSelector("#workflow-table a[data-workflow='" + WORKFLOW + "']"))
        .sendKeys(Keys.ENTER);
    page.waitFor("return document.querySelector('#workflow-detail') !== null;");
    page.awaitSettled();
    assertEquals("?workflow=" + WORKFLOW, page.query());
    assertTrue(browser.driver.findElement(By.id("detail-title")).getText().contains(WORKFLOW));
    assertTrue(page.chartHasDrawn("weekly"), "the weekly outcome chart has drawn");
    assertTrue(page.alternativeRows("weekly") > 0, "the weekly chart has a table alternative");
    assertEquals(List.of(), page.brokenText(), "values the workflow report failed to format");

    browser.driver.navigate().back();
    page.waitFor("return document.querySelector('#workflow-table') !== null;");
    assertEquals("", page.query());
  }

  @Test
  void tabbing_reachesFiltersWorkflowsAndCharts_eachWithAVisibleFocusRing() {
    List<String> reached = new java.util.ArrayList<>();
    browser.js("document.activeElement.blur();");
    for (int i = 0; i < 60; i++) {
      new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(Keys.TAB).perform();
      String stop =
          (String)
              browser.js(
                  "const e = document.activeElement; const s = getComputedStyle(e);"
                      + " const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;"
                      + " return (ring ? '' : 'NO RING ') + e.tagName.toLowerCase()"
                      + "   + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')"
                      + "   + (e.dataset.workflow ? '[' + e.dataset.workflow + ']' : '');");
      if (!stop.endsWith("body")) { // Tab passes the page's ends on its way round
        reached.add(stop);
      }
    }
    assertEquals(List.of(), reached.stream().filter(s -> s.startsWith("NO RING")).toList());
    assertTrue(reached.contains("select#filter-tool"), "reached: " + reached);
    assertTrue(reached.contains("a[" + WORKFLOW + "]"), "reached: " + reached);
    assertTrue(reached.stream().anyMatch(s -> s.startsWith("div.chart ")), "reached: " + reached);
  }

  @Test
  void browsingEveryView_logsNoConsoleErrors_andRequestsNothingOutsideTheServer() {
    page.open("/?tool=" + TOOL);
    page.open("/?workflow=" + WORKFLOW);
    page.open("/");
    new Select(browser.driver.findElement(By.id("versions-workflow"))).selectByIndex(0);
    assertEquals(List.of(), browser.consoleErrors());
    List<String> outside =
        browser.resourceUrls().stream().filter(u -> !u.startsWith(page.origin() + "/")).toList();
    assertEquals(List.of(), outside, "requests outside " + page.origin());
  }

  @Test
  void screenshots_atLaptopAndLargeScreen_fitTheWindowWidth() {
    for (int[] size : new int[][] {{1366, 768}, {1920, 1080}}) {
      String suffix = size[0] + "x" + size[1];
      browser.size(size[0], size[1]);
      page.open("/");
      Path overview = browser.screenshot(screenshotPrefix() + "-overview-" + suffix);
      assertFitsWidth("overview at " + suffix);
      page.open("/?tool=" + TOOL);
      browser.screenshot(screenshotPrefix() + "-" + TOOL + "-" + suffix);
      assertFitsWidth("overview of " + TOOL + " at " + suffix);
      page.open("/?workflow=" + WORKFLOW);
      Path detail = browser.screenshot(screenshotPrefix() + "-workflow-" + suffix);
      assertFitsWidth("workflow report at " + suffix);
      assertTrue(Files.isRegularFile(overview) && Files.isRegularFile(detail));
    }
  }

  private void assertFitsWidth(String size) {
    Object overflow =
        browser.js(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertEquals(0L, overflow, "no horizontal scrolling at " + size);
  }
}
