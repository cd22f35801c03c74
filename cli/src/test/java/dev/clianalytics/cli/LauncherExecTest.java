package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.FakeServer;
import dev.clianalytics.client.JavaProcess;
import dev.clianalytics.client.TelemetrySettings;
import dev.clianalytics.client.internal.ClientConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bin/cli-analytics exec} in the distribution's layout: the launcher runs CMD itself, starts
 * no JVM unless telemetry is on, and then hands the run to a detached recorder (docs/exec.md).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherExecTest {
  static final String SECRET_VALUE = "hunter2-9f3a1c";
  static final String SECRET_WORD = "positional-77ab";

  @TempDir Path dir;
  LauncherLayout layout;
  final FakeServer server = new FakeServer();

  @BeforeEach
  void layout() throws IOException {
    layout = LauncherLayout.create(dir.resolve("dist"), null);
  }

  @AfterEach
  void stopServer() throws Exception {
    // This test's detached recorders write into its temporary directory until they exit.
    for (int i = 0; i < 3000 && !recorders().isEmpty(); i++) {
      Thread.sleep(10);
    }
    server.close();
  }

  /** The pids of this test's running recorders (found by the temporary directory they use). */
  private List<Long> recorders() throws IOException {
    List<Long> recorders = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        if (read(proc.resolve("cmdline")).contains("__record-exec")
            && read(proc.resolve("environ")).contains(dir.toString())) {
          recorders.add(Long.parseLong(proc.getFileName().toString()));
        }
      }
    }
    return recorders;
  }

  Map<String, String> dirs() {
    return Map.of(
        "XDG_CONFIG_HOME", dir.resolve("config").toString(),
        "XDG_CACHE_HOME", dir.resolve("cache").toString());
  }

  Map<String, String> optedIn() {
    Map<String, String> env = new HashMap<>(dirs());
    env.put("EVENTS_ENABLED", "1");
    env.put("EVENTS_URL", server.url("/ingest"));
    env.put("EVENTS_FLUSH_TIMEOUT_MS", "10000");
    return env;
  }

  JavaProcess.Result launch(Map<String, String> env, String... args) throws Exception {
    return launch(layout, env, args);
  }

  JavaProcess.Result launch(LauncherLayout with, Map<String, String> env, String... args)
      throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = with.command(dir, env, List.of(), args);
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not exit within 60 s");
    return new JavaProcess.Result(
        p.exitValue(),
        Files.readString(out),
        Files.readString(err),
        Duration.ofNanos(System.nanoTime() - start));
  }

  @ParameterizedTest(name = "{0} exits {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true | 0",
        "false | 1",
        "exit 3 | 3",
        "exit 255 | 255",
        "kill -TERM $$ | 143",
        "kill -KILL $$ | 137",
      })
  void exec_returnsTheChildsExitCodeWithoutAJvm(String script, int expected) throws Exception {
    assertEquals(expected, launch(optedInButOff(), "exec", "--", "sh", "-c", script).exitCode());
    assertEquals(0, layout.starts());
  }

  /** Everything set up for sending but EVENTS_ENABLED: telemetry stays off. */
  Map<String, String> optedInButOff() {
    Map<String, String> env = optedIn();
    env.remove("EVENTS_ENABLED");
    return env;
  }

  @Test
  void exec_inheritsStdinAndStdout() throws Exception {
    Path in = Files.writeString(dir.resolve("in.txt"), "from stdin\n");
    ProcessBuilder pb = layout.command(dir, Map.of(), List.of(), "exec", "--", "cat");
    Path out = dir.resolve("cat.txt");
    Process p = pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).start();
    assertEquals(0, p.waitFor());
    assertEquals("from stdin\n", Files.readString(out));
  }

  @Test
  void exec_unknownCommand_exits127WithTheJvmsMessage() throws Exception {
    JavaProcess.Result r = launch(Map.of(), "exec", "--", "no-such-command-4711");
    assertEquals(127, r.exitCode());
    assertEquals(
        "cli-analytics exec: no-such-command-4711: command not found; check the name or PATH\n",
        r.stderr());
  }

  @Test
  void exec_fileWithoutExecutePermission_exits126WithOneLine() throws Exception {
    Path script = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\nexit 0\n");
    JavaProcess.Result r = launch(Map.of(), "exec", "--", script.toString());
    assertEquals(126, r.exitCode());
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().contains("cannot execute"), r.stderr());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "false", "no", "off", "enabled", "t rue", "2"})
  void exec_eventsEnabledNotTruthy_startsNoJava(String value) throws Exception {
    Map<String, String> env = optedIn();
    env.put("EVENTS_ENABLED", value);
    assertSameDecisionAsTheSdk(env, List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "TRUE", "Yes", "on", " on ", "\ttrue\n", "oN"})
  void exec_eventsEnabledTruthy_recordsAsTheSdkWould(String value) throws Exception {
    Map<String, String> env = optedIn();
    env.put("EVENTS_ENABLED", value);
    assertSameDecisionAsTheSdk(env, List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", " YES", "on", "0", "false", "", "nope"})
  void exec_doNotTrack_decidesAsTheSdkEvenWithTheAnalyticsFlag(String value) throws Exception {
    Map<String, String> env = optedIn();
    env.remove("EVENTS_ENABLED");
    env.put("DO_NOT_TRACK", value);
    assertSameDecisionAsTheSdk(env, List.of("--analytics"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "\t"})
  void exec_blankEventsUrl_startsNoJava(String url) throws Exception {
    Map<String, String> env = optedIn();
    env.put("EVENTS_URL", url);
    assertSameDecisionAsTheSdk(env, List.of());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | ",
        "1 | 0",
        "0 | 1",
        "off | yes",
        "maybe | 1",
        "maybe | 0",
        " | 1",
      })
  void exec_theToolsOwnVariable_winsOverTheSharedOneAsInTheSdk(String own, String shared)
      throws Exception {
    Map<String, String> env = optedIn();
    env.remove("EVENTS_ENABLED");
    if (own != null) {
      env.put("TRUE_TELEMETRY", own);
    }
    if (shared != null) {
      env.put("EVENTS_ENABLED", shared);
    }
    assertSameDecisionAsTheSdk(env, List.of());
  }

  @Test
  void exec_theToolsOwnUrl_isUsedWhenTheSharedOneIsBlank() throws Exception {
    Map<String, String> env = optedIn();
    env.put("TRUE_TELEMETRY_URL", env.get("EVENTS_URL"));
    env.put("EVENTS_URL", " ");
    assertSameDecisionAsTheSdk(env, List.of());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"on | 0 | 0", "off | 1 | 1", "on | | ", "off | | 1", " on  | 0 | "})
  void exec_theSavedChoice_winsOverVariablesAsInTheSdk(String saved, String own, String shared)
      throws Exception {
    Path file = dir.resolve("config").resolve("cli-analytics").resolve("tools").resolve("true");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "notice=shown\ntelemetry=" + saved + "\n");
    Map<String, String> env = optedIn();
    env.remove("EVENTS_ENABLED");
    if (own != null) {
      env.put("TRUE_TELEMETRY", own);
    }
    if (shared != null) {
      env.put("EVENTS_ENABLED", shared);
    }
    assertSameDecisionAsTheSdk(env, List.of());
  }

  /** The launcher starts the recorder exactly when the SDK's own rules say this run sends. */
  private void assertSameDecisionAsTheSdk(Map<String, String> env, List<String> flags)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("exec"));
    args.addAll(flags);
    args.addAll(List.of("--", "true"));
    assertEquals(0, launch(env, args.toArray(String[]::new)).exitCode());
    boolean sends =
        ClientConfig.from(TelemetrySettings.builder("true", null).build(), env, flags)
            .decision()
            .sends();
    if (sends) {
      assertEquals(1, server.awaitEvents(1, Duration.ofSeconds(30)).size());
    }
    assertEquals(sends ? 1 : 0, layout.starts(), "java started by the launcher");
  }

  @Test
  void exec_optedIn_sendsTheEventTheJvmsExecSends() throws Exception {
    Path tool = LauncherLayout.executable(dir.resolve("fakegit"), "exit 5");
    String[] args = {
      "exec",
      "--tool",
      "fakegit",
      "--",
      tool.toString(),
      "commit",
      "--amend",
      "-m",
      "fix login",
      "--token=s3cr3t",
      "--verbose",
      "--",
      "--after"
    };
    Instant before = Instant.now();
    JavaProcess.Result viaLauncher = launch(optedIn(), args);
    Instant after = Instant.now();
    assertEquals(5, viaLauncher.exitCode());
    assertEquals("", viaLauncher.stderr());
    Map<String, Object> fromLauncher = server.awaitEvents(1, Duration.ofSeconds(30)).getFirst();

    JavaProcess.Result viaJvm =
        JavaProcess.run(ExecCommandTest.CP, Main.class.getName(), optedIn(), dir, args);
    assertEquals(5, viaJvm.exitCode());
    Map<String, Object> fromJvm = server.awaitEvents(2, Duration.ofSeconds(30)).get(1);

    Instant at = Instant.parse((String) fromLauncher.get("timestamp"));
    assertFalse(at.isBefore(before.minusMillis(1)) || at.isAfter(after), at.toString());
    for (String field : List.of("event_id", "timestamp", "duration_ms")) {
      assertTrue(fromLauncher.containsKey(field) && fromJvm.containsKey(field), field);
      fromLauncher.remove(field);
      fromJvm.remove(field);
    }
    assertEquals(fromJvm, fromLauncher);
    assertEquals(List.of("fakegit", "commit"), fromLauncher.get("command_path"));
  }

  @Test
  void exec_optedInWithAnalyticsFlagAndToolName_recordsUnderThatName() throws Exception {
    Map<String, String> env = optedInButOff();
    assertEquals(0, launch(env, "exec", "--analytics", "--tool=mytool", "--", "true").exitCode());
    assertEquals(
        "mytool", server.awaitEvents(1, Duration.ofSeconds(30)).getFirst().get("tool_name"));
  }

  @Test
  void exec_longCommandLine_recordsTheSameNamesWithoutWaitingForTheRecorder() throws Exception {
    List<String> args = new ArrayList<>(List.of("exec", "--", "sh", "-c", "exit 0", "sub"));
    for (int i = 0; i < 4000; i++) {
      args.add("word-" + i + "-" + "x".repeat(20));
    }
    args.add("--last-flag=" + "v".repeat(100));
    JavaProcess.Result r = launch(optedIn(), args.toArray(String[]::new));
    assertEquals(0, r.exitCode());
    Map<String, Object> event = server.awaitEvents(1, Duration.ofSeconds(30)).getFirst();
    assertEquals(List.of("--last-flag", "-c"), event.get("flags_present"));
  }

  @Test
  @EnabledOnOs(OS.LINUX) // reads /proc
  void exec_recorder_runsAfterTheLauncherExitedWithNoRawArgumentInTheProcessList()
      throws Exception {
    server.stall(); // the recorder waits on the server, so it can be looked at
    JavaProcess.Result r =
        launch(
            optedIn(),
            "exec",
            "--",
            "sh",
            "-c",
            "exit 7",
            SECRET_WORD,
            "--password=" + SECRET_VALUE);
    assertEquals(7, r.exitCode());
    server.awaitEvents(1, Duration.ofSeconds(30)); // stalled requests are recorded too
    assertEquals(1, server.requests().size(), "the recorder has sent, and waits for an answer");
    List<Long> recorders = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String cmdline = read(proc.resolve("cmdline"));
        String environ = read(proc.resolve("environ"));
        // this test's recorder: other tests' recorders may still be starting or sending
        if (cmdline.contains("__record-exec") && environ.contains(dir.toString())) {
          recorders.add(Long.parseLong(proc.getFileName().toString()));
        }
        for (String secret : List.of(SECRET_VALUE, SECRET_WORD)) {
          assertFalse(cmdline.contains(secret), proc + " has a raw argument in its command line");
          assertFalse(environ.contains(secret), proc + " has a raw argument in its environment");
        }
      }
    }
    assertEquals(1, recorders.size(), "one recorder running while the server stalls");
    server.resume();
    String body = server.requests().getFirst().body();
    assertFalse(body.contains(SECRET_VALUE) || body.contains(SECRET_WORD), body);
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      return ""; // gone already, or another user's
    }
  }

  @Test
  void exec_recorderThatCannotRun_losesOnlyTheEvent() throws Exception {
    LauncherLayout broken = LauncherLayout.create(dir.resolve("broken"), "echo broken >&2; exit 1");
    JavaProcess.Result r = launch(broken, optedIn(), "exec", "--", "sh", "-c", "exit 4");
    assertEquals(4, r.exitCode());
    assertEquals("", r.stderr());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void exec_telemetryOff_becomesTheCommandItself() throws Exception {
    Process exec = start(dirs(), "exec", "--", "sleep", "30");
    awaitCommand(exec, "sleep");
    assertEquals(List.of(), exec.descendants().toList(), "no process between the user and CMD");
    exec.destroy();
    assertEquals(143, exec.waitFor());
  }

  @Test
  void exec_telemetryOn_sigtermToTheLauncher_reachesTheChild() throws Exception {
    Process exec = start(optedIn(), "exec", "--", "sleep", "30");
    awaitChild(exec);
    exec.destroy();
    assertEquals(143, exec.waitFor());
    assertEquals(
        143L,
        ((Number) server.awaitEvents(1, Duration.ofSeconds(30)).getFirst().get("exit_code"))
            .longValue());
  }

  @Test
  void exec_sigintToTheLauncherPid_reachesTheChildOnce() throws Exception {
    for (Map<String, String> env : List.of(dirs(), optedIn())) {
      Path ready = dir.resolve("ready-" + env.size());
      Process exec = start(env, "exec", "--", "sh", "-c", countInts(ready));
      awaitFile(ready);
      new ProcessBuilder("kill", "-INT", Long.toString(exec.pid())).start().waitFor();
      assertEquals(1, exec.waitFor(), "the child's count of SIGINTs with " + env.keySet());
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX) // script(1) of util-linux
  void exec_ctrlCAtATerminal_reachesTheChildOnce() throws Exception {
    Path ready = dir.resolve("ready");
    String inner =
        "exec '" + layout.launcher + "' exec -- sh -c '" + countInts(ready).replace("'", "") + "'";
    Process script =
        LauncherLayout.clean(dir, Map.of(), List.of("script", "-qec", inner, "/dev/null"))
            .redirectOutput(dir.resolve("tty.txt").toFile())
            .start();
    awaitFile(ready);
    // script(1) runs "sh -c INNER": exec, so that no shell stands between the pty and the launcher.
    try (OutputStream keyboard = script.getOutputStream()) {
      keyboard.write(3); // Ctrl-C
      keyboard.flush();
      assertTrue(script.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(1, script.exitValue(), "the child's count of SIGINTs");
  }

  /** A child that counts the SIGINTs it gets for 3 s and exits with the count. */
  private static String countInts(Path ready) {
    return "n=0; trap \"n=\\$((n+1))\" INT; : > "
        + ready
        + "; i=0; while [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done; exit $n";
  }

  @Test
  void version_goesToTheJvmWithoutWarnings() throws Exception {
    JavaProcess.Result r = launch(Map.of(), "--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.stdout().startsWith("cli-analytics "), r.stdout());
    assertEquals("", r.stderr());
    assertEquals(1, layout.starts());
  }

  @Test
  void exec_withEventsDebug_isLeftToTheJvm() throws Exception {
    Map<String, String> env = new HashMap<>(dirs());
    env.put("EVENTS_DEBUG", "1");
    JavaProcess.Result r = launch(env, "exec", "--", "true");
    assertEquals(0, r.exitCode());
    assertTrue(r.stderr().contains("telemetry off"), r.stderr());
    assertEquals(1, layout.starts());
  }

  @Test
  void exec_help_isLeftToTheJvm() throws Exception {
    JavaProcess.Result r = launch(Map.of(), "exec", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.stdout().contains("--tool=NAME"), r.stdout());
  }

  private Process start(Map<String, String> env, String... args) throws IOException {
    return layout
        .command(dir, env, List.of(), args)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile())
        .start();
  }

  private static void awaitChild(Process exec) throws InterruptedException {
    for (int i = 0; i < 3000 && exec.descendants().findAny().isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertTrue(exec.descendants().findAny().isPresent(), "exec started no child");
    Thread.sleep(100);
  }

  /** Waits until the launcher's own process has been replaced by {@code program}. */
  private static void awaitCommand(Process exec, String program) throws InterruptedException {
    for (int i = 0; i < 3000 && !runs(exec, program); i++) {
      Thread.sleep(10);
    }
    assertTrue(runs(exec, program), "the launcher did not become " + program);
  }

  private static boolean runs(Process exec, String program) {
    return exec.info().command().map(c -> c.endsWith("/" + program)).orElse(false);
  }

  private static void awaitFile(Path file) throws InterruptedException {
    for (int i = 0; i < 3000 && !Files.exists(file); i++) {
      Thread.sleep(10);
    }
    assertTrue(Files.exists(file), file + " never appeared");
  }
}
