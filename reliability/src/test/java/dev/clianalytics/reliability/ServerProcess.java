package dev.clianalytics.reliability;

import dev.clianalytics.cli.Main;
import dev.clianalytics.server.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code cli-analytics serve} in a JVM of its own, so a test can kill it the hard way. The child
 * gets only the environment given (plus PATH and HOME), runs in {@code workDir} so no stray {@code
 * .env} is read, and writes its output to a log file there.
 */
final class ServerProcess implements AutoCloseable {
  /** The exit status Java reports for a process killed by SIGKILL (128 + 9). */
  static final int SIGKILL_STATUS = 137;

  private static final long START_TIMEOUT_MS = 60_000;

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the server on the port {@code env} names in {@code PORT}, else on a free one, and waits
   * until {@code /health} answers 200.
   */
  static ServerProcess start(Map<String, String> env, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    int port = env.containsKey("PORT") ? Integer.parseInt(env.get("PORT")) : freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-Xss512k"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(Main.class.getName(), "serve"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", workDir.toString());
    pb.environment().putAll(env);
    pb.environment().put("PORT", Integer.toString(port));
    Path log = Files.createTempFile(workDir, "server", ".log");
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    ServerProcess server = new ServerProcess(pb.start(), port, log);
    try {
      server.awaitHealthy();
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  int port() {
    return port;
  }

  Http http() {
    return new Http(port);
  }

  /**
   * Kills the JVM with SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no shutdown
   * hook runs, nothing is flushed or closed. Returns the exit status, 137 when SIGKILL did it.
   */
  int kill() {
    process.destroyForcibly();
    return waitForExit();
  }

  /** Stops the server as SIGTERM would and returns its exit status. */
  int stop() {
    process.destroy();
    return waitForExit();
  }

  private int waitForExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("the server process did not exit within 30 s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The server's output so far, for failure messages. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy() {
    Http http = http();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with " + process.exitValue() + " at start:\n" + output());
      }
      try {
        if (http.get("/health").status() == 200) {
          return;
        }
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      sleep(100);
    }
    throw new IllegalStateException("the server was not healthy within 60 s:\n" + output());
  }

  /** Kills the process if it still runs; safe to call twice. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A port nothing listens on right now. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
