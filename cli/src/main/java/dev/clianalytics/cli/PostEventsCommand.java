package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
      "Send events from a JSON Lines file, a JSON array or a gzip file of either to the server,",
      "in batches, retrying on 429 and 503. --all then runs inference and prints the summary."
    })
final class PostEventsCommand implements Callable<Integer> {
  private static final int SHOWN_REJECTIONS = 5;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "Events to send ('-' reads standard input).")
  String file;

  @Mixin ServerOptions server;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Events per request, 1 to 10000 (default: ${DEFAULT-VALUE}).")
  int batchSize = 1000;

  @Option(
      names = "--all",
      description = "After sending, run inference and print the summary report.")
  boolean all;

  @Option(names = "--json", description = "Print the counts as JSON.")
  boolean json;

  private long accepted;
  private long duplicates;
  private long rejected;
  private long sent;
  private final List<String> firstRejections = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (batchSize < 1 || batchSize > 10_000) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--batch-size must be between 1 and 10000, was " + batchSize);
    }
    ApiClient client = server.client();
    if (!file.equals("-") && !Files.isReadable(Path.of(file))) {
      throw new CliException("no such file: " + file);
    }
    long size = file.equals("-") ? 0 : Files.size(Path.of(file));
    Progress progress = Progress.onTerminal("sending", Math.max(size / 300, 1));
    List<Object> batch = new ArrayList<>(batchSize);
    EventInput.read(
        file,
        null,
        event -> {
          batch.add(event);
          if (batch.size() == batchSize) {
            send(client, batch);
            progress.advance(batchSize);
            batch.clear();
          }
        });
    if (!batch.isEmpty()) {
      send(client, batch);
    }
    progress.done();
    report();
    if (all) {
      InferCommand.run(client, json);
      ReportCommand.printSummary(client, json);
    }
    return rejected == 0 ? 0 : 1;
  }

  private void send(ApiClient client, List<Object> batch) {
    StringBuilder body = new StringBuilder(batch.size() * 400);
    for (Object event : batch) {
      Json.write(event, body);
      body.append('\n');
    }
    ApiClient.Answer answer = client.post("/ingest", "application/x-ndjson", body.toString());
    if (answer.status() != 200) {
      throw new CliException(
          "the server refused a batch after " + sent + " events: " + answer.problem());
    }
    Map<String, Object> counts = answer.object();
    accepted += ((Number) counts.getOrDefault("accepted", 0L)).longValue();
    duplicates += ((Number) counts.getOrDefault("duplicates", 0L)).longValue();
    if (counts.get("rejected") instanceof List<?> list) {
      rejected += list.size();
      for (Object r : list) {
        if (firstRejections.size() < SHOWN_REJECTIONS && r instanceof Map<?, ?> m) {
          firstRejections.add(
              "event "
                  + (sent + ((Number) m.get("index")).longValue())
                  + ": "
                  + Json.write(m.get("errors")));
        }
      }
    }
    sent += batch.size();
  }

  private void report() {
    if (json) {
      System.out.println(
          Json.write(
              Map.of(
                  "sent",
                  sent,
                  "accepted",
                  accepted,
                  "duplicates",
                  duplicates,
                  "rejected",
                  rejected)));
      return;
    }
    System.out.printf(
        "sent %,d events: %,d accepted, %,d duplicates, %,d rejected%n",
        sent, accepted, duplicates, rejected);
    for (String r : firstRejections) {
      System.out.println("  rejected " + r);
    }
  }
}
