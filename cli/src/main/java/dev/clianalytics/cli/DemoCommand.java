package dev.clianalytics.cli;

import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.Logging;
import dev.clianalytics.server.config.ServerConfig;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start an embedded server, load sample data, infer, print the summary, keep serving.",
      "The demo keeps its own embedded database in DATA_DIR/demo, apart from real data."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port (default: PORT, else 8000; 0 picks a free port).")
  Integer port;

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Sample events to load (default: ${DEFAULT-VALUE}).")
  int events = 20_000;

  @Option(names = "--exit", description = "Stop after printing the summary instead of serving.")
  boolean exit;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig base = ServerConfig.load();
    ServerConfig config = demoConfig(base, port != null ? port : base.port());
    Logging.configure(config.logLevel());
    CliAnalyticsServer server =
        CliAnalyticsServer.start(config, Storages.open(null, config.dataDir()));
    String url = "http://localhost:" + server.port();
    String token = config.adminTokens().isEmpty() ? null : config.adminTokens().get(0);
    ApiClient client = new ApiClient(url, token);
    load(client);
    InferCommand.run(client, true, false);
    System.out.println();
    ReportCommand.printSummary(client, false);
    System.out.println("Dashboard:  " + url + "/");
    System.out.println("API docs:   " + url + "/docs");
    if (exit) {
      server.close();
      return 0;
    }
    System.out.println("Serving until Ctrl-C.");
    ServeCommand.serveUntilStopped(server);
    return 0;
  }

  private void load(ApiClient client) {
    SampleOptions options =
        new SampleOptions(events, 30, 28, 42, LocalDate.now(ZoneOffset.UTC).minusDays(1));
    Progress progress = Progress.onTerminal("loading sample", events);
    IngestBatches batches = new IngestBatches(client, 1000, progress);
    new SampleGenerator(options).generate(batches::add);
    batches.flush();
    progress.done();
    System.out.printf(
        "loaded %,d sample events (%,d new, %,d already there)%n",
        events, batches.accepted(), batches.duplicates());
  }

  private static ServerConfig demoConfig(ServerConfig c, int port) {
    return c.toBuilder()
        .databaseUrl(null)
        .dataDir(c.dataDir().resolve("demo"))
        .port(port)
        .inferInterval(java.time.Duration.ZERO)
        .build();
  }
}
