package dev.clianalytics.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Reports that need a read token, on a server with no events yet. */
class DashboardTokenTest {
  private static final String TOKEN = "read-token-for-the-browser";

  private Browser browser;
  private CannedReports reports;
  private DashboardPage page;

  @BeforeEach
  void start() {
    browser = Browser.open();
    reports = CannedReports.start(TOKEN, true);
    page = new DashboardPage(browser, reports.origin());
  }

  @AfterEach
  void stop() {
    browser.close();
    reports.close();
  }

  @Test
  void reportsAnswering401_askForAToken_keptOnlyInSessionStorage_andSentAsBearer() {
    browser.driver.get(reports.origin() + "/");
    page.waitFor("return !document.querySelector('#token').hidden;");
    WebElement input = browser.driver.findElement(By.id("token-input"));
    input.sendKeys(TOKEN);
    input.submit();

    page.waitFor("return document.querySelector('#empty-state') !== null;");
    assertTrue(browser.driver.findElement(By.id("token")).getAttribute("hidden") != null);
    assertEquals(TOKEN, browser.js("return sessionStorage.getItem('cli-analytics.read-token');"));
    assertEquals(0L, browser.js("return localStorage.length;"));
    assertEquals(List.of(), browser.js("return document.cookie ? [document.cookie] : [];"));
  }

  @Test
  void serverWithoutEvents_explainsHowToSendThem() {
    browser.driver.get(reports.origin() + "/");
    browser.js("sessionStorage.setItem('cli-analytics.read-token', arguments[0]);", TOKEN);
    page.open("/");
    String text = browser.driver.findElement(By.id("empty-state")).getText();
    assertTrue(text.contains("No events yet"), text);
    assertTrue(text.contains("/ingest") && text.contains("POST /infer"), text);
    assertFalse(browser.driver.findElements(By.cssSelector("#token:not([hidden])")).size() > 0);
  }
}
