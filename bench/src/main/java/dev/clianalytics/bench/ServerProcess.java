package dev.clianalytics.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real server started as a child JVM ({@link ServerChild}) on a free port of 127.0.0.1: the
 * benchmark reads the child's own CPU time, so the load generator's work is not counted.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintStream in;
  final int port;

  private ServerProcess(Process process) throws IOException {
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.port = Integer.parseInt(expect("port "));
  }

  /** Starts the server with {@code env} (its whole configuration) and extra JVM options. */
  static ServerProcess start(Map<String, String> env, Path dataDir, List<String> jvmOptions)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ServerChild.class.getName(),
            dataDir + ""));
    ProcessBuilder builder = new ProcessBuilder(command);
    // only what the server needs, so the caller's own DATABASE_URL or tokens never leak in
    builder.environment().keySet().retainAll(List.of("PATH", "HOME", "TMPDIR", "LANG"));
    builder.environment().putAll(env);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new ServerProcess(builder.start());
  }

  /** CPU time the server process has used so far (user and system, all its threads). */
  Duration cpu() {
    return process
        .toHandle()
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("this system does not report process CPU"));
  }

  /** Bytes of heap in use in the server after a full collection. */
  long heapAfterGc() throws IOException {
    in.println("heap");
    return Long.parseLong(expect("heap "));
  }

  private String expect(String prefix) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length()).trim();
      }
    }
    throw new IOException("the server process ended before it printed " + prefix.trim());
  }

  @Override
  public void close() throws InterruptedException {
    in.close();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
