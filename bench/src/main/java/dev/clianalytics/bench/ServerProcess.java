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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server started as a child JVM ({@link ServerChild}) on a free port of 127.0.0.1: the
 * benchmark reads the child's own CPU time, so the load generator's work is not counted.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintStream in;
  private final Thread log;
  private final AtomicInteger stackTraceLines = new AtomicInteger();
  final int port;

  private ServerProcess(Process process) throws IOException {
    this.process = process;
    // the server's log, passed on as it comes, counting the lines of any stack trace in it
    this.log =
        Thread.ofPlatform()
            .daemon()
            .name("server-log")
            .start(
                () -> {
                  try (BufferedReader err =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line = err.readLine(); line != null; line = err.readLine()) {
                      if (line.startsWith("\tat ") || line.startsWith("Caused by: ")) {
                        stackTraceLines.incrementAndGet();
                      }
                      System.err.println(line);
                    }
                  } catch (IOException e) {
                    // the process ended
                  }
                });
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

  /**
   * The server's heap in use after a full collection: {@code now} (whatever runs, {@code
   * duringInference} if an inference was running) and {@code idle} (no inference running).
   */
  record Heap(long now, long idle, boolean duringInference) {}

  /** Reads {@link Heap}; waits for a running inference to end for the idle reading. */
  Heap heapAfterGc() throws IOException {
    in.println("heap");
    String[] parts = expect("heap ").split(" ");
    return new Heap(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2].equals("1"));
  }

  private String expect(String prefix) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length()).trim();
      }
    }
    throw new IOException("the server process ended before it printed " + prefix.trim());
  }

  /**
   * Lines of stack traces ({@code \tat ...} or {@code Caused by: ...}) the server has logged so
   * far; after {@link #close}, in its whole log, its stop included.
   */
  int stackTraceLines() {
    return stackTraceLines.get();
  }

  @Override
  public void close() throws InterruptedException {
    in.close();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    log.join(10_000);
  }
}
