package dev.clianalytics.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliAnalyticsTest {
  @TempDir Path home;

  @AfterEach
  void awaitSdkThreads() throws InterruptedException {
    SdkThreads.awaitEnd(); // before the temporary directory is deleted
  }

  @Test
  void start_unreadableEnvironment_leavesTelemetryOffInsteadOfThrowing() {
    Map<String, String> env =
        Map.of("EVENTS_URL", "http://127.0.0.1:9/ingest", "XDG_CONFIG_HOME", "bad\0path");
    CliAnalytics analytics = CliAnalytics.start("t", "1", List.of("--analytics"), env);
    assertFalse(analytics.isEnabled());
    analytics.recordEvent(CommandRun.of(0));
    analytics.close();
  }

  @Test
  void start_analyticsAmongTheArguments_optsIn() {
    Map<String, String> env =
        Map.of(
            "EVENTS_URL",
            "http://127.0.0.1:9/ingest",
            "EVENTS_FLUSH_TIMEOUT_MS",
            "0",
            "XDG_CONFIG_HOME",
            home.toString(),
            "XDG_CACHE_HOME",
            home.toString());
    try (CliAnalytics analytics =
        CliAnalytics.start("t", "1", List.of("deploy", "--analytics"), env)) {
      assertTrue(analytics.isEnabled());
    }
  }

  @Test
  void recordEvent_afterClose_isIgnoredQuietly() {
    try (FakeServer server = new FakeServer()) {
      Map<String, String> env =
          Map.of(
              "EVENTS_ENABLED", "1",
              "EVENTS_URL", server.url("/ingest"),
              "XDG_CONFIG_HOME", home.toString(),
              "XDG_CACHE_HOME", home.toString());
      CliAnalytics analytics = CliAnalytics.start("t", "1", List.of(), env);
      analytics.close();
      analytics.recordEvent(CommandRun.of(0));
      analytics.close();
      assertEquals(List.of(), server.requests());
    }
  }
}
