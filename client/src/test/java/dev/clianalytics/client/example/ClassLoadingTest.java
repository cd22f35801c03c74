package dev.clianalytics.client.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.FakeServer;
import dev.clianalytics.client.JavaProcess;
import dev.clianalytics.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Which of the SDK's classes one successful run of the picocli example loads with telemetry on. In
 * a short-lived JVM each class the SDK loads costs CPU (reading, verifying, linking), a large part
 * of what telemetry costs a tool (docs/client.md, "Fewer SDK classes on a run"); these checks keep
 * the classes a run does not need off its path. The class list is what the JVM reports, so the
 * checks do not depend on timing or load.
 */
class ClassLoadingTest {
  /**
   * Classes of the SDK (client and core, the example's three included) one successful run loads
   * with telemetry on; a change that adds one to that path must say why here.
   */
  static final int SDK_CLASSES_ON = 53;

  @TempDir Path home;
  final FakeServer server = new FakeServer();

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void successfulRunWithTelemetryOn_loadsNoRetryErrorOrTestOnlyClasses() throws Exception {
    List<String> loaded = sdkClassesLoaded();
    for (String notNeeded :
        List.of(
            "dev.clianalytics.client.internal.Backoff", // only when a send is retried
            "dev.clianalytics.core.privacy.ErrorText", // only for a run with an error
            "dev.clianalytics.core.privacy.MessageRedactor",
            "dev.clianalytics.core.privacy.Steps$Counter")) { // only when rules count steps
      assertTrue(!loaded.contains(notNeeded), notNeeded + " was loaded: " + loaded);
    }
  }

  @Test
  void successfulRunWithTelemetryOn_loadsAtMostTheKnownNumberOfSdkClasses() throws Exception {
    List<String> loaded = sdkClassesLoaded();
    assertTrue(
        loaded.size() <= SDK_CLASSES_ON,
        loaded.size() + " SDK classes loaded, at most " + SDK_CLASSES_ON + " expected: " + loaded);
  }

  /** The SDK's classes a run of {@code greet hello --loud} loads, in load order. */
  private List<String> sdkClassesLoaded() throws Exception {
    Path log = home.resolve("classes.log");
    JavaProcess.Result r =
        JavaProcess.run(
            List.of("-Xlog:class+load=info:file=" + log),
            JavaProcess.classPath(Greet.class, CliAnalytics.class, Event.class, CommandLine.class),
            Greet.class.getName(),
            Map.of(
                "EVENTS_ENABLED", "true",
                "EVENTS_URL", server.url("/ingest"),
                "EVENTS_FLUSH_TIMEOUT_MS", "10000"),
            home,
            "hello",
            "--loud");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(1, server.events().size(), "the run's event was delivered");
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .map(line -> line.substring(line.indexOf("] ") + 2).split(" ")[0])
        .filter(name -> name.startsWith("dev.clianalytics."))
        .toList();
  }
}
