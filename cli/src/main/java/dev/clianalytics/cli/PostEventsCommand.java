package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.ingest.Batches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "post-events",
    mixinStandardHelpOptions = true,
    description = {
      "Send events from a file to the server in batches.",
      "Reads JSON Lines, a JSON array or a gzip file of either; retries on 429 and 503.",
      "--all then runs inference and prints the summary."
    })
final class PostEventsCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "Events to send ('-' reads standard input).")
  String file;

  @Mixin ServerOptions server;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description =
          "Events per request, 1 to " + Batches.MAX_EVENTS + " (default: ${DEFAULT-VALUE}).")
  int batchSize = 1000;

  @Option(
      names = "--all",
      description = "After sending, run inference and print the summary report.")
  boolean all;

  @Option(names = "--json", description = "Print the counts as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (batchSize < 1 || batchSize > Batches.MAX_EVENTS) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--batch-size must be between 1 and " + Batches.MAX_EVENTS + ", was " + batchSize);
    }
    ApiClient client = server.client();
    if (!file.equals("-") && !Files.isReadable(Path.of(file))) {
      throw new CliException("no such file: " + file);
    }
    long size = file.equals("-") ? 0 : Files.size(Path.of(file));
    Progress progress = Progress.onTerminal("sending", Math.max(size / 300, 1));
    IngestBatches batches = new IngestBatches(client, batchSize, progress);
    EventInput.read(file, null, batches::add);
    batches.flush();
    progress.done();
    report(batches);
    if (all) {
      InferCommand.run(client, json);
      ReportCommand.printSummary(client, json);
    }
    return batches.rejected() == 0 ? 0 : 1;
  }

  private void report(IngestBatches b) {
    if (json) {
      System.out.println(
          Json.write(
              Map.of(
                  "sent",
                  b.sent(),
                  "accepted",
                  b.accepted(),
                  "duplicates",
                  b.duplicates(),
                  "rejected",
                  b.rejected())));
      return;
    }
    System.out.printf(
        "sent %,d events: %,d accepted, %,d duplicates, %,d rejected%n",
        b.sent(), b.accepted(), b.duplicates(), b.rejected());
    for (String r : b.firstRejections()) {
      System.out.println("  rejected " + r);
    }
  }
}
