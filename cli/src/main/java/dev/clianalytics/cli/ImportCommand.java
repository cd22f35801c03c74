package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.ingest.Batches;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Move the history of a Supabase starter table events(id uuid, payload jsonb) into the server.",
      "SOURCE is the project's PostgreSQL URL (the table is read directly) or its PostgREST URL",
      "https://PROJECT.supabase.co/rest/v1/events (paged with the key of --source-token).",
      "Each row's id becomes the event_id, so importing again skips what is already in; the privacy",
      "rules apply before anything is sent. Exit code 1 when a row was rejected."
    })
final class ImportCommand implements Callable<Integer> {
  private static final int SHOWN_REJECTIONS = 10;

  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description = "postgres://... or https://.../rest/v1/events")
  String source;

  @Mixin ServerOptions server;

  @Option(
      names = "--source-token",
      paramLabel = "KEY",
      defaultValue = "${env:EVENTS_TOKEN}",
      description =
          "Key for a PostgREST SOURCE, sent as apikey and Bearer (default: EVENTS_TOKEN).")
  String sourceToken;

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      description = "Table of a PostgreSQL SOURCE (default: ${DEFAULT-VALUE}).")
  String table = "public.events";

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description =
          "Rows per page and per ingest request, 1 to "
              + Batches.MAX_EVENTS
              + " (default: ${DEFAULT-VALUE}).")
  int batchSize = 1000;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (batchSize < 1 || batchSize > Batches.MAX_EVENTS) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--batch-size must be between 1 and " + Batches.MAX_EVENTS + ", was " + batchSize);
    }
    ApiClient client = server.client();
    SeedImport work;
    try (SeedRows rows = SeedRows.open(source, table, sourceToken)) {
      Progress progress = Progress.onTerminal("importing", rows.total());
      work = new SeedImport(client, progress);
      String after = null;
      for (List<SeedRows.Row> page = rows.page(null, batchSize);
          !page.isEmpty();
          page = rows.page(after, batchSize)) {
        work.add(page);
        after = page.get(page.size() - 1).id();
      }
      progress.done();
    }
    print(work.summary());
    return work.rejected() == 0 ? 0 : 1;
  }

  private void print(Map<String, Object> summary) {
    if (json) {
      System.out.println(Json.write(summary));
      return;
    }
    List<?> rejected = (List<?>) summary.get("rejected");
    System.out.printf(
        "read %,d rows: %,d imported, %,d duplicates, %,d skipped (not events), %,d rejected%n",
        summary.get("read"),
        summary.get("imported"),
        summary.get("duplicates"),
        summary.get("skipped"),
        rejected.size());
    for (Object r : rejected.subList(0, Math.min(SHOWN_REJECTIONS, rejected.size()))) {
      Map<?, ?> m = (Map<?, ?>) r;
      System.out.println(
          "  row " + m.get("index") + " (id " + m.get("id") + "): " + Json.write(m.get("errors")));
    }
    if (rejected.size() > SHOWN_REJECTIONS) {
      System.out.println(
          "  ... and " + (rejected.size() - SHOWN_REJECTIONS) + " more (--json lists all)");
    }
  }
}
