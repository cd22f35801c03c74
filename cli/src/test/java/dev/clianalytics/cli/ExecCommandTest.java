package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.FakeServer;
import dev.clianalytics.client.JavaProcess;
import dev.clianalytics.core.event.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cli-analytics exec} as a real process, the way a user's shell runs it. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ExecCommandTest {
  // The whole test class path: the command's other subcommands reach into the server module.
  static final String CP = System.getProperty("java.class.path");
  static final String TOKEN = "evt-token-exec-31d0";

  @TempDir Path home;
  final FakeServer server = new FakeServer();

  @AfterEach
  void stopServer() {
    server.close();
  }

  JavaProcess.Result exec(Map<String, String> env, String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "exec";
    System.arraycopy(args, 0, all, 1, args.length);
    return JavaProcess.run(CP, Main.class.getName(), env, home, all);
  }

  Map<String, String> optedIn() {
    Map<String, String> env = new HashMap<>();
    env.put("EVENTS_ENABLED", "1");
    env.put("EVENTS_URL", server.url("/ingest"));
    env.put("EVENTS_TOKEN", TOKEN);
    env.put("EVENTS_FLUSH_TIMEOUT_MS", "10000");
    return env;
  }

  @ParameterizedTest(name = "{0} exits {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true | 0",
        "false | 1",
        "exit 3 | 3",
        "kill -TERM $$ | 143",
        "kill -KILL $$ | 137",
      })
  void exec_returnsTheChildsExitCodeAnd128PlusTheSignal(String script, int expected)
      throws Exception {
    assertEquals(expected, exec(Map.of(), "--", "sh", "-c", script).exitCode());
  }

  @Test
  void exec_inheritsStdout() throws Exception {
    assertEquals("hi" + System.lineSeparator(), exec(Map.of(), "--", "echo", "hi").stdout());
  }

  @Test
  void exec_unknownCommand_exits127WithOneLine() throws Exception {
    JavaProcess.Result r = exec(Map.of(), "--", "no-such-command-4711");
    assertEquals(127, r.exitCode());
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().contains("command not found"), r.stderr());
  }

  @Test
  void exec_help_printsTheUsageOfExec() throws Exception {
    JavaProcess.Result r = exec(Map.of(), "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.stdout().contains("--tool=NAME"), r.stdout());
  }

  @Test
  void exec_withoutCommand_isAUsageError() throws Exception {
    JavaProcess.Result r = exec(Map.of(), "--analytics");
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("CMD"), r.stderr());
  }

  @Test
  void exec_fileWithoutExecutePermission_exits126() throws Exception {
    Path script = Files.writeString(home.resolve("script.sh"), "#!/bin/sh\nexit 0\n");
    JavaProcess.Result r = exec(Map.of(), "--", script.toString());
    assertEquals(126, r.exitCode());
    assertEquals(1, r.stderr().lines().count(), r.stderr());
  }

  @Test
  void exec_optedIn_recordsToolFirstSubcommandAndFlagNamesOnly() throws Exception {
    Path tool = executable("fakegit", "exit 5");
    JavaProcess.Result r =
        exec(
            optedIn(),
            tool.toString(),
            "commit",
            "--amend",
            "-m",
            "fix the login bug",
            "--token=s3cr3t",
            "--verbose");
    assertEquals(5, r.exitCode());
    Map<String, Object> event = server.events().getFirst();
    assertEquals("fakegit", event.get("tool_name"));
    assertEquals(List.of("fakegit", "commit"), event.get("command_path"));
    assertEquals(List.of("--amend", "--verbose", "-m"), event.get("flags_present"));
    assertEquals(5L, event.get("exit_code"));
    String body = server.requests().getFirst().body();
    assertFalse(body.contains("login") || body.contains("s3cr3t") || body.contains("token"), body);
    assertFalse(r.stdout().contains(TOKEN) || r.stderr().contains(TOKEN));
  }

  @Test
  void exec_toolOptionAndAnalyticsFlag_nameTheToolAndOptIn() throws Exception {
    Map<String, String> env = optedIn();
    env.remove("EVENTS_ENABLED");
    assertEquals(0, exec(env, "--tool", "mytool", "--analytics", "--", "true").exitCode());
    assertEquals("mytool", server.events().getFirst().get("tool_name"));
  }

  @Test
  void exec_recordsOsAndArchButNotItsOwnJavaAsTheRuntime() throws Exception {
    assertEquals(0, exec(optedIn(), "--tool", "mytool", "--", "true").exitCode());
    Map<String, Object> event = server.events().getFirst();
    assertEquals(Platform.ofThisJvm().os(), event.get("os"));
    assertEquals(Platform.ofThisJvm().arch(), event.get("arch"));
    assertFalse(event.containsKey("runtime"), event.toString());
  }

  @Test
  void exec_toolsOwnVariables_winOverTheSharedOnes() throws Exception {
    Map<String, String> env = optedIn();
    env.put("EVENTS_URL", "http://127.0.0.1:9/nowhere");
    env.put("TERRAFORM_TELEMETRY_URL", server.url("/ingest"));
    assertEquals(0, exec(env, "--tool", "terraform", "--", "true").exitCode());
    assertEquals("terraform", server.events().getFirst().get("tool_name"));

    env.put("TERRAFORM_TELEMETRY", "0");
    assertEquals(0, exec(env, "--tool", "terraform", "--", "true").exitCode());
    assertEquals(1, server.events().size());
  }

  @Test
  void exec_notOptedIn_sendsNothing() throws Exception {
    Map<String, String> env = optedIn();
    env.remove("EVENTS_ENABLED");
    assertEquals(0, exec(env, "--", "true").exitCode());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void exec_doNotTrack_winsOverTheAnalyticsFlag() throws Exception {
    Map<String, String> env = optedIn();
    env.put("DO_NOT_TRACK", "1");
    assertEquals(0, exec(env, "--analytics", "--", "true").exitCode());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void exec_sigtermToExec_isForwardedAndTheChildsCodeReturned() throws Exception {
    Process exec = startExec(List.of(), "sleep", "30");
    awaitChild(exec);
    exec.destroy();
    assertEquals(143, exec.waitFor());
  }

  @Test
  @EnabledOnOs(OS.LINUX) // setsid(1) is part of util-linux
  void exec_ctrlCToTheProcessGroup_outlivesTheSignalAndReturnsTheChildsCode() throws Exception {
    Process exec = startExec(List.of("setsid"), "sleep", "30");
    awaitChild(exec);
    new ProcessBuilder("kill", "-INT", "--", "-" + exec.pid()).start().waitFor();
    assertEquals(130, exec.waitFor());
  }

  private Process startExec(List<String> prefix, String... cmd) throws IOException {
    List<String> command = new java.util.ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", CP, Main.class.getName(), "exec", "--"));
    command.addAll(List.of(cmd));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("EVENTS_"));
    return pb.redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile()).start();
  }

  /** Waits until exec has started its child, so the signal is not taken by a JVM still booting. */
  private static void awaitChild(Process exec) throws InterruptedException {
    for (int i = 0; i < 3000 && exec.descendants().findAny().isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertTrue(exec.descendants().findAny().isPresent(), "exec started no child");
    Thread.sleep(200);
  }

  private Path executable(String name, String body) throws IOException {
    Path file = home.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
