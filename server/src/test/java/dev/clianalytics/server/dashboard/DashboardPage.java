package dev.clianalytics.server.dashboard;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dashboard as the tests see it: navigation, readiness and what a panel shows. */
final class DashboardPage {
  /** The chart containers of the overview, by their CSS class suffix. */
  static final List<String> OVERVIEW_CHARTS =
      List.of("trends", "nsm", "sankey", "recovery", "versions", "adoption", "platforms");

  private final Browser browser;
  private final String origin;

  DashboardPage(Browser browser, String origin) {
    this.browser = browser;
    this.origin = origin;
  }

  String origin() {
    return origin;
  }

  /** Opens a URL of the dashboard and waits until every panel has finished loading. */
  void open(String pathAndQuery) {
    browser.driver.get(origin + pathAndQuery);
    awaitSettled();
  }

  /** Waits until nothing in the view is loading and every chart has drawn. */
  void awaitSettled() {
    waitFor(
        "return document.readyState === 'complete'"
            + " && document.querySelector('#view').children.length > 0"
            + " && document.querySelector('#view [aria-busy=\"true\"], #view .loading') === null"
            + " && [...document.querySelectorAll('#view .chart')]"
            + "      .every(c => c.querySelector('svg path') !== null);");
  }

  void waitFor(String booleanScript, Object... args) {
    browser
        .waitingFor(booleanScript)
        .until(d -> Boolean.TRUE.equals(browser.js(booleanScript, args)));
  }

  boolean chartHasDrawn(String chart) {
    return Boolean.TRUE.equals(
        browser.js(
            "const c = document.querySelector('.chart-' + arguments[0]);"
                + " return c !== null && c.querySelectorAll('svg path').length > 0;",
            chart));
  }

  /** Rows of the text alternative that belongs to a chart (the table in the chart's panel). */
  long alternativeRows(String chart) {
    return (Long)
        browser.js(
            "const c = document.querySelector('.chart-' + arguments[0]);"
                + " return c.closest('.panel').querySelectorAll('details.alt tbody tr').length;",
            chart);
  }

  List<WebElement> workflowRows() {
    return browser.driver.findElements(By.cssSelector("#workflow-table tbody tr"));
  }

  /** The tools in the workflow table (its second column). */
  Set<String> workflowTools() {
    Set<String> tools = new TreeSet<>();
    for (WebElement row : workflowRows()) {
      tools.add(row.findElements(By.tagName("td")).get(0).getText());
    }
    return tools;
  }

  /**
   * Words that only show when the page printed a value it did not have or an object it did not
   * format (all of the view's text, tables under closed details included).
   */
  @SuppressWarnings("unchecked") // executeScript returns a List for a JS array
  List<String> brokenText() {
    return (List<String>)
        browser.js(
            "return document.querySelector('#view').textContent"
                + ".match(/\\b(null|undefined|NaN|Infinity)\\b|\\[object/g) || [];");
  }

  String query() {
    return (String) browser.js("return location.search;");
  }
}
