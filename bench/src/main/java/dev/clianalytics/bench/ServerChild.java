package dev.clianalytics.bench;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.Logging;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The server as a child process of a benchmark, so that its CPU time is its own: configured and
 * logging from the environment as {@code serve} is, it prints {@code port N}, then answers {@code
 * heap} on standard input (see {@link #heap}), and stops when standard input closes.
 */
final class ServerChild {
  /** Set to 1 by {@code ingest --discard}: the server's storage keeps no event. */
  static final String DISCARD = "BENCH_DISCARD_EVENTS";

  private ServerChild() {}

  /**
   * {@code NOW IDLE RUNNING}: the heap in use after a full collection now, whatever runs ({@code
   * NOW}, with {@code RUNNING} 1 if an inference was running then, else 0), and after a full
   * collection while no inference runs ({@code IDLE}, waiting for the running one to end first).
   */
  static String heap(CliAnalyticsServer server) {
    boolean running = server.inferenceRunning();
    long now = running ? usedAfterGc() : -1;
    long idle = server.betweenInferences(ServerChild::usedAfterGc);
    return (running ? now : idle) + " " + idle + " " + (running ? 1 : 0);
  }

  private static long usedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  public static void main(String[] args) throws Exception {
    ServerConfig config = ServerConfig.from(System.getenv(), Path.of(args[0]).resolve("no.env"));
    // before the first logger exists: the benchmark's server logs exactly as `serve` does
    Logging.configure(config.logLevel());
    String url = System.getenv("DATABASE_URL");
    Storage storage = Storages.open(url, Path.of(args[0]));
    if ("1".equals(System.getenv(DISCARD))) {
      storage = new DiscardingStorage(storage);
    }
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, storage)) {
      System.out.println("port " + server.port());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("heap")) {
          System.out.println("heap " + heap(server));
          System.out.flush();
        }
      }
    }
  }
}
