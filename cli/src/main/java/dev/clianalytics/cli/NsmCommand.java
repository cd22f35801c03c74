package dev.clianalytics.cli;

import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.nsm.NorthStar;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.privacy.Privacy;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "nsm",
    mixinStandardHelpOptions = true,
    description = "Compute (aggregate) or upload the weekly north-star totals from FILE or URL.",
    subcommands = {NsmCommand.Aggregate.class, NsmCommand.Upload.class})
final class NsmCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "name an action: aggregate FILE|URL or upload FILE|URL");
  }

  /** Input options shared by both actions. */
  static final class Input {
    @Parameters(
        index = "0",
        paramLabel = "FILE|URL",
        description =
            "NDJSON file, '-' for standard input, or an http(s) URL answering NDJSON, a JSON array of events, or PostgREST rows {\"payload\": {...}}.")
    String source;

    @Option(
        names = "--command",
        paramLabel = "CMD",
        description = "Command to count (default: NSM_COMMAND, else ai-do).")
    String command;

    @Option(names = "--include-ci", description = "Count CI events too.")
    boolean includeCi;

    @Option(
        names = "--source-token",
        paramLabel = "TOKEN",
        description = "Token for reading a URL source (default: EVENTS_TOKEN).")
    String sourceToken;

    /** Reads, validates, hashes and de-duplicates the events, then aggregates them. */
    Map<String, Object> aggregate() throws IOException {
      String cmd =
          command != null
              ? command
              : System.getenv().getOrDefault("NSM_COMMAND", NsmOptions.DEFAULT_COMMAND);
      NorthStar nsm = new NorthStar(new NsmOptions(cmd, includeCi));
      Privacy privacy = Privacy.client();
      Set<UUID> seen = new HashSet<>();
      long[] skipped = {0};
      String token = sourceToken != null ? sourceToken : System.getenv("EVENTS_TOKEN");
      EventInput.read(
          source,
          token,
          value -> {
            Object event =
                value instanceof Map<?, ?> row && row.get("payload") instanceof Map<?, ?> payload
                    ? payload
                    : value;
            if (EventValidator.validate(event) instanceof Validation.Valid v
                && (v.event().eventId() == null || seen.add(v.event().eventId()))) {
              nsm.add(privacy.apply(v.event()));
            } else {
              skipped[0]++;
            }
          });
      if (skipped[0] > 0) {
        System.err.printf(
            "skipped %,d rows that were not valid events, or repeated an event_id%n", skipped[0]);
      }
      return nsm.toJson();
    }
  }

  @Command(
      name = "aggregate",
      mixinStandardHelpOptions = true,
      description = "Print the weekly totals as one JSON document.")
  static final class Aggregate implements Callable<Integer> {
    @picocli.CommandLine.Mixin Input input;

    @Override
    public Integer call() throws IOException {
      System.out.println(Json.write(input.aggregate()));
      return 0;
    }
  }

  @Command(
      name = "upload",
      mixinStandardHelpOptions = true,
      description = {
        "Post the weekly totals as one JSON document to EVENTS_URL with EVENTS_TOKEN",
        "(wrapped as {\"payload\": ...} with an apikey header for PostgREST /rest/v1/ URLs)."
      })
  static final class Upload implements Callable<Integer> {
    @picocli.CommandLine.Mixin Input input;

    @Option(
        names = "--events-url",
        paramLabel = "URL",
        description = "Where to post (default: EVENTS_URL).")
    String eventsUrl;

    @Override
    public Integer call() throws IOException {
      String url = eventsUrl != null ? eventsUrl : System.getenv("EVENTS_URL");
      if (url == null || url.isBlank()) {
        throw new CliException(
            "set EVENTS_URL (or --events-url) to the table to post to, e.g. http://localhost:8000/rest/v1/events");
      }
      Map<String, Object> doc = input.aggregate();
      boolean postgrest = url.contains("/rest/v1/");
      String body = Json.write(postgrest ? Map.of("payload", doc) : doc);
      DocumentPoster.post(url, System.getenv("EVENTS_TOKEN"), postgrest, body);
      System.err.printf(
          "uploaded north-star totals for %d weeks to %s%n",
          ((java.util.List<?>) doc.get("weeks")).size(), java.net.URI.create(url).getHost());
      return 0;
    }
  }
}
