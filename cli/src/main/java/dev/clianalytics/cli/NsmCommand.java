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
        defaultValue = "${env:NSM_COMMAND:-" + NsmOptions.DEFAULT_COMMAND + "}",
        description =
            "Command to count (default: NSM_COMMAND, else "
                + NsmOptions.DEFAULT_COMMAND
                + "; now ${DEFAULT-VALUE}).")
    String command;

    @Option(names = "--include-ci", description = "Count CI events too.")
    boolean includeCi;

    @Option(
        names = "--source-token",
        paramLabel = "TOKEN",
        defaultValue = "${env:EVENTS_TOKEN}",
        description = "Token for reading a URL source (default: EVENTS_TOKEN).")
    String sourceToken;

    /** Reads, validates, hashes and de-duplicates the events, then aggregates them. */
    Map<String, Object> aggregate() throws IOException {
      NorthStar nsm = new NorthStar(new NsmOptions(command, includeCi));
      Privacy privacy = Privacy.client();
      Set<UUID> seen = new HashSet<>();
      long[] skipped = {0};
      EventInput.read(
          source,
          sourceToken,
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

    @Option(
        names = "--json",
        description = "Print the totals as JSON (the only form; accepted like every command's).")
    boolean json;

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
        defaultValue = "${env:EVENTS_URL}",
        description = "Where to post (default: EVENTS_URL).")
    String eventsUrl;

    @Option(
        names = "--events-token",
        paramLabel = "TOKEN",
        defaultValue = "${env:EVENTS_TOKEN}",
        description =
            "Token for EVENTS_URL (default: EVENTS_TOKEN). Prefer the variable: arguments show in process lists.")
    String eventsToken;

    @Option(
        names = "--json",
        description = "Print what was uploaded as JSON: the host and the number of weeks.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      String url = eventsUrl;
      if (url == null || url.isBlank()) {
        throw new CliException(
            "set EVENTS_URL (or --events-url) to the table to post to, e.g. http://localhost:8000/rest/v1/events");
      }
      Map<String, Object> doc = input.aggregate();
      boolean postgrest = url.contains("/rest/v1/");
      String body = Json.write(postgrest ? Map.of("payload", doc) : doc);
      DocumentPoster.post(url, eventsToken, postgrest, body);
      int weeks = ((java.util.List<?>) doc.get("weeks")).size();
      String host = java.net.URI.create(url).getHost();
      if (json) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("uploaded_weeks", weeks);
        result.put("host", host);
        System.out.println(Json.write(result));
      } else {
        System.err.printf("uploaded north-star totals for %d weeks to %s%n", weeks, host);
      }
      return 0;
    }
  }
}
