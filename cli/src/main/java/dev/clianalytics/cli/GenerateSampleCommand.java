package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "generate-sample",
    mixinStandardHelpOptions = true,
    description = {
      "Write realistic, deterministic sample events as JSON Lines (default events.jsonl).",
      "Same seed and end date, same file. The data covers terraform, kubectl, npm, git, docker",
      "and ai-do, people and CI, every outcome, and a planted regression in terraform 1.8.0."
    })
final class GenerateSampleCommand implements Callable<Integer> {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Output file (default: ${DEFAULT-VALUE}); '-' writes to standard output.")
  Path output = Path.of("events.jsonl");

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Number of events (default: ${DEFAULT-VALUE}).")
  int events = 20_000;

  @Option(
      names = "--actors",
      paramLabel = "N",
      description = "Number of actors, a fifth of them CI runners (default: ${DEFAULT-VALUE}).")
  int actors = 30;

  @Option(
      names = "--days",
      paramLabel = "N",
      description = "Days covered, 1 to 89 (default: ${DEFAULT-VALUE}).")
  int days = 28;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--end",
      paramLabel = "DATE",
      description = "Last day covered, yyyy-mm-dd (default: yesterday, UTC).")
  LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);

  @Option(
      names = "--json",
      description =
          "Print what was written as JSON on standard output (events, actors, days, output);"
              + " with -o - the events themselves are the output.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    SampleOptions options = new SampleOptions(events, actors, days, seed, end);
    boolean toStdout = output.toString().equals("-");
    try (BufferedWriter out =
        toStdout
            ? new BufferedWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8))
            : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      Progress progress = toStdout ? Progress.none() : Progress.onTerminal("generating", events);
      StringBuilder line = new StringBuilder(512);
      new SampleGenerator(options)
          .generate(
              event -> {
                line.setLength(0);
                Json.write(event, line);
                line.append('\n');
                try {
                  out.write(line.toString());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
                progress.step();
              });
      progress.done();
    }
    if (toStdout) {
      return 0;
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("events", events);
      result.put("actors", actors);
      result.put("days", days);
      result.put("output", output.toString());
      System.out.println(Json.write(result));
    } else {
      System.err.printf(
          "wrote %,d events from %d actors over %d days to %s%n", events, actors, days, output);
    }
    return 0;
  }
}
