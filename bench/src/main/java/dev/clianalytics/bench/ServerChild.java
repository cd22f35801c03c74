package dev.clianalytics.bench;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The server as a child process of a benchmark, so that its CPU time is its own: configured from
 * the environment as {@code serve} is, it prints {@code port N}, then answers {@code heap} on
 * standard input with the heap used after a full collection, and stops when standard input closes.
 */
final class ServerChild {
  private ServerChild() {}

  public static void main(String[] args) throws Exception {
    ServerConfig config = ServerConfig.from(System.getenv(), Path.of(args[0]).resolve("no.env"));
    String url = System.getenv("DATABASE_URL");
    try (CliAnalyticsServer server =
        CliAnalyticsServer.start(config, Storages.open(url, Path.of(args[0])))) {
      System.out.println("port " + server.port());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("heap")) {
          System.gc();
          long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          System.out.println("heap " + used);
          System.out.flush();
        }
      }
    }
  }
}
