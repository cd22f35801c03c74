package dev.clianalytics.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tool versions that are markup (the privacy rules keep a version's text, while tool names and
 * commands are reduced to words): stored through {@code POST /ingest}, they reach the dashboard's
 * tables and chart tooltips as text, never as elements (see docs/dashboard.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileNamesDashboardTest {
  private static final String VERSION = "<img src=x id=pwn-version onerror=alert(1)>";

  private CliAnalyticsServer server;
  private Browser browser;
  private DashboardPage page;
  private String storedVersion;

  @BeforeAll
  void start() throws Exception {
    Path dataDir = Files.createTempDirectory("dashboard-hostile");
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATA_DIR", dataDir.toString(),
                "HASH_SALT", "dashboard-test-salt-0123456789",
                "PORT", "0",
                "INFER_INTERVAL", "0"),
            dataDir.resolve("no.env"));
    server = CliAnalyticsServer.start(config, Storages.open(null, dataDir));
    Http http = new Http(server.port());
    Http.Response r =
        http.post("/ingest", Json.write(events()), "Content-Type", "application/json");
    assertEquals(200, r.status(), r.body());
    assertEquals(200, http.post("/infer", "").status());
    storedVersion = storedHostileVersion(http);
    browser = Browser.open();
    page = new DashboardPage(browser, "http://127.0.0.1:" + server.port());
  }

  /** Twelve actors plan then apply: half on the hostile version, whose applies fail. */
  private static List<Map<String, Object>> events() {
    Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    List<Map<String, Object>> events = new ArrayList<>();
    for (int a = 0; a < 12; a++) {
      String version = a % 2 == 0 ? VERSION : "1.0.0";
      Instant t = base.plusSeconds(a * 600L);
      events.add(event("actor-" + a, t, List.of("terraform", "plan"), 0, version));
      events.add(event("actor-" + a, t.plusSeconds(30), List.of("terraform", "apply"), 1, version));
    }
    return events;
  }

  private static Map<String, Object> event(
      String actor, Instant at, List<String> path, int exit, String version) {
    return Map.of(
        "event_id", UUID.randomUUID().toString(),
        "timestamp", at.toString(),
        "tool_name", "terraform",
        "tool_version", version,
        "command_path", path,
        "exit_code", exit,
        "actor_id", actor);
  }

  private static String storedHostileVersion(Http http) {
    String body = http.get("/reports/versions").body();
    for (Object w : (List<?>) ((Map<?, ?>) Json.parse(body)).get("workflows")) {
      for (Object v : (List<?>) ((Map<?, ?>) w).get("versions")) {
        String version = (String) ((Map<?, ?>) v).get("version");
        if (version.contains("<")) {
          return version;
        }
      }
    }
    throw new AssertionError("the privacy rules kept no markup in any version: " + body);
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

  private long injected() {
    return (Long) browser.js("return document.querySelectorAll('[id^=\"pwn\"], img').length;");
  }

  @Test
  void versionsTableAndTooltip_showHostileVersionsAsText() {
    page.open("/");

    assertEquals(0L, injected(), "no element was made from report text");
    String table =
        (String) browser.js("return document.querySelector('#panel-versions').innerText;");
    assertTrue(table.contains(storedVersion), table);
    browser.js(
        "const chart = document.querySelector('.chart-versions').chart;"
            + " const index = chart.getOption().xAxis[0].data.indexOf(arguments[0]);"
            + " chart.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: index});",
        storedVersion);
    page.waitFor(
        "const tip = document.querySelector('.chart-versions > div:last-child');"
            + " return tip !== null && tip.style.display !== 'none'"
            + " && tip.innerHTML.includes('success');");
    String tip =
        (String)
            browser.js(
                "return document.querySelector('.chart-versions > div:last-child').textContent;");
    assertTrue(tip.contains(storedVersion), tip);
    assertEquals(0L, injected(), "no element was made from a tooltip");
  }
}
