package dev.clianalytics.client.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.FakeServer;
import dev.clianalytics.client.SdkThreads;
import dev.clianalytics.client.TelemetrySettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The saved choice, the status, the first-run notice and the hidden option of the example. */
class TelemetrySubcommandTest {
  @TempDir Path home;
  final FakeServer server = new FakeServer();
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  @AfterEach
  void stopServer() throws InterruptedException {
    server.close();
    SdkThreads.awaitEnd(); // before the temporary directory is deleted
  }

  Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("EVENTS_URL", server.url("/ingest"));
    env.put("EVENTS_FLUSH_TIMEOUT_MS", "10000");
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  int greet(TelemetrySettings settings, Map<String, String> env, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cmd = Greet.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    CliAnalytics analytics = CliAnalytics.instrument(cmd, settings, env);
    try {
      return cmd.execute(args);
    } finally {
      analytics.close();
    }
  }

  int greet(Map<String, String> env, String... args) {
    return greet(TelemetrySettings.builder("greet", Greet.VERSION).build(), env, args);
  }

  Path savedFile() {
    return home.resolve("config/cli-analytics/tools/greet");
  }

  @Test
  void telemetryOff_isSavedAndWinsOverEventsEnabledOnLaterRuns() throws IOException {
    assertEquals(0, greet(env(), "telemetry", "off"));
    assertTrue(out.toString().contains("Telemetry for greet is off"), out.toString());
    assertEquals("telemetry=off\n", Files.readString(savedFile()));
    assertEquals(0, greet(env("EVENTS_ENABLED", "1", "GREET_TELEMETRY", "1"), "hello"));
    assertEquals(List.of(), server.requests());
  }

  @Test
  void telemetryOn_isSavedAndSendsWithoutAnyVariable() {
    assertEquals(0, greet(env(), "telemetry", "ON"));
    assertEquals(List.of(), server.requests());
    assertEquals(0, greet(env(), "hello"));
    assertEquals(1, server.events().size());
  }

  @Test
  void telemetryOn_underDoNotTrack_saysNothingIsSentAndSendsNothing() {
    assertEquals(0, greet(env("DO_NOT_TRACK", "1"), "telemetry", "on"));
    assertTrue(out.toString().contains("DO_NOT_TRACK is set"), out.toString());
    assertEquals(0, greet(env("DO_NOT_TRACK", "1"), "hello"));
    assertEquals(List.of(), server.requests());
  }

  @Test
  void status_showsTheActorIdThatIsSentAndTheEventOfARun() {
    assertEquals(0, greet(env("EVENTS_ENABLED", "1"), "telemetry", "status"));
    String status = out.toString();
    assertEquals(List.of(), server.requests(), "the telemetry command itself is never recorded");
    assertEquals(0, greet(env("EVENTS_ENABLED", "1"), "hello"));
    String actorId = (String) server.events().get(0).get("actor_id");
    assertTrue(status.contains("Actor id:  " + actorId), status);
    assertTrue(status.contains("is on: EVENTS_ENABLED is set to a true value"), status);
    assertTrue(status.contains("Endpoint:  " + server.url("/ingest")), status);
    assertTrue(status.contains("\"tool_name\":\"greet\""), status);
    assertTrue(status.contains("Each run sends one event like this one:"), status);
  }

  @Test
  void status_isTheDefaultAction_andNamesTheToolVariableWhenOff() {
    assertEquals(0, greet(env("GREET_TELEMETRY", "0"), "telemetry"));
    assertTrue(
        out.toString().contains("is off: GREET_TELEMETRY is set to a false value"), out.toString());
    assertTrue(out.toString().contains("would send one event"), out.toString());
  }

  @Test
  void unknownAction_isAUsageErrorAndNotRecorded() {
    assertEquals(2, greet(env("EVENTS_ENABLED", "1"), "telemetry", "maybe"));
    assertTrue(err.toString().contains("maybe"), err.toString());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void help_listsTheTelemetrySubcommand() {
    greet(env(), "--help");
    assertTrue(out.toString().contains("telemetry"), out.toString());
  }

  @Test
  void optOut_firstRunPrintsTheNoticeOnceAndSendsNothing_thenSends() {
    TelemetrySettings settings =
        TelemetrySettings.builder("greet", Greet.VERSION)
            .endpoint(server.url("/ingest"))
            .optOut()
            .moreInfoUrl("https://example.com/greet/telemetry")
            .build();
    Map<String, String> env = env();
    env.remove("EVENTS_URL");
    assertEquals(0, greet(settings, env, "hello"));
    String notice = err.toString();
    assertTrue(notice.contains("greet collects pseudonymous usage data"), notice);
    assertTrue(notice.contains("`greet telemetry off` or GREET_TELEMETRY=0"), notice);
    assertTrue(notice.contains("https://example.com/greet/telemetry"), notice);
    assertEquals("Hello, world" + System.lineSeparator(), out.toString());
    assertEquals(List.of(), server.requests());

    assertEquals(0, greet(settings, env, "hello"));
    assertEquals("", err.toString());
    assertEquals(1, server.events().size());
  }

  @Test
  void optOut_userWhoTurnedItOffBeforeTheFirstRun_seesNoNotice() {
    TelemetrySettings settings =
        TelemetrySettings.builder("greet", Greet.VERSION)
            .endpoint(server.url("/ingest"))
            .optOut()
            .build();
    assertEquals(0, greet(settings, env(), "telemetry", "off"));
    assertEquals(0, greet(settings, env(), "hello"));
    assertEquals("", err.toString());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void optIn_default_neverPrintsANotice() {
    assertEquals(0, greet(env(), "hello"));
    assertEquals("", err.toString());
  }

  @Test
  void hiddenAnalyticsOption_isLeftOutOfHelpButStillOptsIn() {
    TelemetrySettings settings =
        TelemetrySettings.builder("greet", Greet.VERSION).hideAnalyticsOption().build();
    greet(settings, env(), "hello", "--help");
    assertFalse(out.toString().contains("--analytics"), out.toString());
    assertEquals(0, greet(settings, env(), "hello", "--analytics"));
    assertEquals(1, server.events().size());
  }
}
