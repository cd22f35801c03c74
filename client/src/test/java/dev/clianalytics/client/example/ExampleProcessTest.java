package dev.clianalytics.client.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.FakeServer;
import dev.clianalytics.client.JavaProcess;
import dev.clianalytics.core.event.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The examples as real processes: what a user of an instrumented tool sees at the terminal. */
class ExampleProcessTest {
  static final String TOKEN = "evt-token-process-77c1";
  static final String GREET_CP =
      JavaProcess.classPath(Greet.class, CliAnalytics.class, Event.class, CommandLine.class);
  static final String PLAIN_CP =
      JavaProcess.classPath(PlainExample.class, CliAnalytics.class, Event.class);

  @TempDir Path home;
  final FakeServer server = new FakeServer();

  @AfterEach
  void stopServer() {
    server.close();
  }

  Map<String, String> env(String url, String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("EVENTS_ENABLED", "true");
    env.put("EVENTS_URL", url);
    env.put("EVENTS_TOKEN", TOKEN);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  JavaProcess.Result greet(Map<String, String> env, String... args) throws Exception {
    return JavaProcess.run(GREET_CP, Greet.class.getName(), env, home, args);
  }

  @Test
  void greet_stalledEndpoint_exitsNormallyAndTheNextRunDeliversTheEvent() throws Exception {
    server.stall();
    String url = server.url("/ingest");
    JavaProcess.Result stalled = greet(env(url, "EVENTS_FLUSH_TIMEOUT_MS", "300"), "hello");
    JavaProcess.Result off = greet(Map.of(), "hello");
    assertEquals(0, stalled.exitCode());
    assertEquals(off.stdout(), stalled.stdout());
    assertEquals("", stalled.stderr());
    Object spooledId = server.events().get(0).get("event_id");

    server.resume();
    JavaProcess.Result next = greet(env(url, "EVENTS_FLUSH_TIMEOUT_MS", "10000"), "bye");
    assertEquals(0, next.exitCode());
    List<Object> ids = server.events().stream().map(e -> e.get("event_id")).toList();
    assertTrue(ids.lastIndexOf(spooledId) > 0, ids.toString());
  }

  @Test
  void greet_refusedEndpoint_exitsNormallyWithoutOutput() throws Exception {
    JavaProcess.Result r = greet(env(FakeServer.refusedUrl()), "bye", "--code", "3");
    assertEquals(3, r.exitCode());
    assertEquals("Goodbye" + System.lineSeparator(), r.stdout());
    assertEquals("", r.stderr());
  }

  @Test
  void greet_debug_printsTheEventToStderrWithoutTheTokenAndSendsNothing() throws Exception {
    JavaProcess.Result r = greet(env(server.url("/ingest"), "EVENTS_DEBUG", "1"), "hello");
    assertTrue(r.stderr().startsWith("cli-analytics: would send {"), r.stderr());
    assertFalse(r.stderr().contains(TOKEN) || r.stdout().contains(TOKEN));
    assertEquals(List.of(), server.requests());
  }

  @Test
  void plainSdk_withoutPicocliOnTheClassPath_sendsItsEvent() throws Exception {
    assertFalse(PLAIN_CP.contains("picocli"), PLAIN_CP);
    JavaProcess.Result r =
        JavaProcess.run(
            PLAIN_CP,
            PlainExample.class.getName(),
            env(server.url("/ingest"), "EVENTS_FLUSH_TIMEOUT_MS", "10000"),
            home,
            "fail");
    assertEquals(1, r.exitCode());
    assertEquals("", r.stderr());
    Map<String, Object> event = server.awaitEvents(1, Duration.ofSeconds(5)).get(0);
    assertEquals("plain", event.get("tool_name"));
    assertEquals(1L, event.get("exit_code"));
  }
}
