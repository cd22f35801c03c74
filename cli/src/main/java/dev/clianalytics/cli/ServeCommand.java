package dev.clianalytics.cli;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.Logging;
import dev.clianalytics.server.config.ServerConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the analytics server (embedded DuckDB unless DATABASE_URL is set).",
      "Configuration comes from the environment and ./.env (see docs/server.md)."
    })
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port to listen on (default: PORT, else 8000; 0 picks a free port).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = ServerConfig.load();
    if (port != null) {
      config = config.withPort(port);
    }
    Logging.configure(config.logLevel());
    CliAnalyticsServer server = CliAnalyticsServer.start(config, Storages.open(config));
    serveUntilStopped(server);
    return 0;
  }

  /** Blocks until SIGTERM or Ctrl-C, then stops the server gracefully. */
  static void serveUntilStopped(CliAnalyticsServer server) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }
}
