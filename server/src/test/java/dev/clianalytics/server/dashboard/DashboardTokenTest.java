package dev.clianalytics.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The real server with {@code READ_TOKENS} set and no events yet. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTokenTest {
  private static final String TOKEN = "read-token-for-the-browser";

  private CliAnalyticsServer server;
  private Browser browser;
  private DashboardPage page;

  @BeforeAll
  void start() throws IOException {
    browser = Browser.open();
    Path dataDir = Files.createTempDirectory("dashboard-token");
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATA_DIR", dataDir.toString(),
                "HASH_SALT", "dashboard-test-salt-0123456789",
                "PORT", "0",
                "INFER_INTERVAL", "0",
                "READ_TOKENS", TOKEN),
            dataDir.resolve("no.env"));
    server = CliAnalyticsServer.start(config, Storages.open(null, dataDir));
    page = new DashboardPage(browser, "http://127.0.0.1:" + server.port());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private WebElement askedForAToken() {
    browser.driver.get(page.origin() + "/");
    browser.js("sessionStorage.clear();");
    browser.driver.navigate().refresh();
    page.waitFor("return !document.querySelector('#token').hidden;");
    return browser.driver.findElement(By.id("token-input"));
  }

  @Test
  void reportsAnswering401_askForAToken_keptOnlyInSessionStorage_andSentAsBearer() {
    WebElement input = askedForAToken();
    input.sendKeys(TOKEN);
    input.submit();

    page.waitFor("return document.querySelector('#empty-state') !== null;");
    assertNotNull(browser.driver.findElement(By.id("token")).getAttribute("hidden"));
    assertEquals(TOKEN, browser.js("return sessionStorage.getItem('cli-analytics.read-token');"));
    assertEquals(0L, browser.js("return localStorage.length;"));
    assertEquals("", browser.js("return document.cookie;"));
  }

  @Test
  void aWrongToken_isRefused_andThePageAsksAgain() {
    WebElement input = askedForAToken();
    input.sendKeys("not-the-token");
    input.submit();

    page.waitFor(
        "return !document.querySelector('#token').hidden"
            + " && document.querySelector('#status').textContent.includes('token');");
    assertEquals(List.of(), browser.driver.findElements(By.id("empty-state")));
  }

  @Test
  void serverWithoutEvents_explainsHowToSendThem() {
    browser.driver.get(page.origin() + "/");
    browser.js("sessionStorage.setItem('cli-analytics.read-token', arguments[0]);", TOKEN);
    page.open("/");
    String text = browser.driver.findElement(By.id("empty-state")).getText();
    assertTrue(text.contains("No events yet"), text);
    assertTrue(text.contains("/ingest") && text.contains("POST /infer"), text);
    assertTrue(browser.driver.findElement(By.id("token")).getAttribute("hidden") != null);
  }
}
