package dev.clianalytics.client.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.FakeServer;
import dev.clianalytics.client.SdkThreads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The exact events the instrumented picocli example sends. */
class GreetExampleTest {
  @TempDir Path home;
  final FakeServer server = new FakeServer();
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

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

  int greet(Map<String, String> env, String... args) {
    CommandLine cmd = Greet.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    CliAnalytics analytics = CliAnalytics.instrument(cmd, "greet", Greet.VERSION, env);
    try {
      return cmd.execute(args);
    } finally {
      analytics.close();
    }
  }

  Map<String, Object> onlyEvent() {
    List<Map<String, Object>> events = server.events();
    assertEquals(1, events.size(), events.toString());
    return events.get(0);
  }

  @Test
  void hello_withOptionsAndValues_recordsThePathAndOptionNamesOnly() {
    int code = greet(env("EVENTS_ENABLED", "1"), "hello", "--loud", "-n", "Ada", "--times=2", "w");
    assertEquals(0, code);
    Map<String, Object> event = onlyEvent();
    assertEquals("greet", event.get("tool_name"));
    assertEquals(List.of("greet", "hello"), event.get("command_path"));
    assertEquals(List.of("--loud", "--name", "--times"), event.get("flags_present"));
    assertEquals(0L, event.get("exit_code"));
    assertTrue(((Long) event.get("duration_ms")) >= 0);
    String body = server.requests().get(0).body();
    assertFalse(body.contains("Ada") || body.contains("\"w\""), body);
  }

  @Test
  void bye_throwing_recordsTheExceptionClassAndExitCodeOne() {
    int code = greet(env("EVENTS_ENABLED", "1"), "bye", "--fail");
    assertEquals(1, code);
    Map<String, Object> event = onlyEvent();
    assertEquals(List.of("greet", "bye"), event.get("command_path"));
    assertEquals(1L, event.get("exit_code"));
    assertEquals("IllegalStateException", event.get("error_type"));
    assertFalse(server.requests().get(0).body().contains("/home/ada"));
  }

  @Test
  void bye_withExitCode_recordsThatExitCode() {
    assertEquals(3, greet(env("EVENTS_ENABLED", "1"), "bye", "--code", "3"));
    assertEquals(3L, onlyEvent().get("exit_code"));
  }

  @Test
  void usageError_recordsTheParseExceptionClassWithoutWhatWasTyped() {
    assertEquals(2, greet(env("EVENTS_ENABLED", "1"), "hello", "--bogus-secret=hunter2"));
    Map<String, Object> event = onlyEvent();
    assertEquals(List.of("greet", "hello"), event.get("command_path"));
    assertEquals("UnmatchedArgumentException", event.get("error_type"));
    assertEquals(2L, event.get("exit_code"));
    String body = server.requests().get(0).body();
    assertFalse(body.contains("hunter2") || body.contains("bogus"), body);
  }

  @Test
  void analyticsFlag_withoutEventsEnabled_optsInAndIsNotRecordedAsAFlag() {
    assertEquals(0, greet(env(), "hello", "--analytics", "--loud"));
    assertEquals(List.of("--loud"), onlyEvent().get("flags_present"));
  }

  @Test
  void analyticsFlag_underDoNotTrack_sendsNothing() {
    assertEquals(0, greet(env("DO_NOT_TRACK", "1"), "hello", "--analytics"));
    assertEquals(List.of(), server.requests());
  }

  @Test
  void notOptedIn_sendsNothingAndPrintsOnlyTheToolsOutput() {
    assertEquals(0, greet(env(), "hello"));
    assertEquals(List.of(), server.requests());
    assertEquals("Hello, world" + System.lineSeparator(), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void help_listsTheAnalyticsOptionOnEveryCommand() {
    greet(env(), "hello", "--help");
    assertTrue(out.toString().contains("--analytics"), out.toString());
  }
}
