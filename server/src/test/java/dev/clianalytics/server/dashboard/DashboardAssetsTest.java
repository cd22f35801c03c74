package dev.clianalytics.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The page and its assets over HTTP from the real server, with tokens required for reports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardAssetsTest {
  private CliAnalyticsServer server;
  private Http http;

  @BeforeAll
  void start() throws IOException {
    Path dataDir = Files.createTempDirectory("dashboard-assets");
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATA_DIR", dataDir.toString(),
                "HASH_SALT", "dashboard-test-salt-0123456789",
                "PORT", "0",
                "READ_TOKENS", "read-token-1"),
            dataDir.resolve("no.env"));
    server = CliAnalyticsServer.start(config, Storages.open(null, dataDir));
    http = new Http(server.port());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void root_servesThePage_withoutAToken_revalidated_andLockedToItsOwnOrigin() {
    Http.Response page = http.get("/");
    assertEquals(200, page.status());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertEquals("no-cache", page.headers().get("cache-control"));
    assertEquals(Dashboard.CONTENT_SECURITY_POLICY, page.headers().get("content-security-policy"));
    assertFalse(page.body().contains(Dashboard.ECHARTS_PLACEHOLDER));
    assertFalse(
        page.body().contains("http://") || page.body().contains("https://"), "no absolute URLs");
  }

  @Test
  void echartsUrlInThePage_isServedFromTheWebjar_withLongCaching() {
    Matcher url =
        Pattern.compile("content=\"(/webjars/echarts/[^\"]+)\"").matcher(http.get("/").body());
    assertTrue(url.find(), "the page names the ECharts module");
    Http.Response echarts = http.get(url.group(1));
    assertEquals(200, echarts.status());
    assertTrue(echarts.contentType().contains("javascript"), echarts.contentType());
    assertTrue(echarts.headers().getOrDefault("cache-control", "").contains("max-age"));
  }

  @Test
  void scriptsAndStyles_areServedAsModules_andRevalidated() {
    for (String asset :
        new String[] {
          "/dashboard/js/app.js", "/dashboard/js/views/hotpaths.js", "/dashboard/dashboard.css"
        }) {
      Http.Response response = http.get(asset);
      assertEquals(200, response.status(), asset);
      assertEquals("no-cache", response.headers().get("cache-control"), asset);
      assertEquals("nosniff", response.headers().get("x-content-type-options"), asset);
    }
    assertTrue(http.get("/dashboard/js/app.js").contentType().contains("javascript"));
    assertTrue(http.get("/dashboard/dashboard.css").contentType().startsWith("text/css"));
  }

  @Test
  void reports_stillNeedAToken_whenThePageDoesNot() {
    assertEquals(200, http.get("/").status());
    assertEquals(401, http.get("/workflows").status());
  }
}
