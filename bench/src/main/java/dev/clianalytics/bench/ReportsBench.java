package dev.clianalytics.bench;

import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.clickhouse.ClickHouseUrl;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code reports --database-url URL --events N}: loads and infers N sample events, starts a real
 * server, posts {@link #NEW_EVENTS} new events and runs an inference through {@code POST /infer},
 * then times the first summary and workflow requests after that inference ({@code
 * first_request_ms}) and the 95th percentile latency of 200 summary, 200 workflow and 2 x 200
 * PostgREST page requests (1,000 rows filtered on {@code payload->>tool_name}, in arrival order and
 * ordered by id descending); then each report of the dashboard uncached ({@code uncached_ms}, the
 * median of three requests whose filters nothing has asked for yet).
 */
final class ReportsBench {
  private static final int REQUESTS = 200;
  private static final String TOKEN = IngestLoad.ADMIN;
  static final int NEW_EVENTS = 2_000;
  private static final int UNCACHED_ROUNDS = 3;

  /** Every report of the dashboard, each measured uncached. */
  private static final List<String> UNCACHED_REPORTS =
      List.of(
          "summary",
          "workflows/apply_workflow",
          "hot-paths",
          "recovery",
          "nsm",
          "versions",
          "trends",
          "adoption",
          "platforms");

  private ReportsBench() {}

  static void run(BenchArgs args) throws Exception {
    try (BenchData data = BenchData.create(args.databaseUrl())) {
      String tool;
      try (Storage storage = data.open()) {
        long t0 = System.nanoTime();
        BenchData.load(storage, args.events(), 0);
        tool = (String) storage.rows(1, 0).getFirst().payload().get("tool_name");
        System.out.printf(
            Locale.ROOT, "loaded %d events in %.1f s%n", args.events(), InferBench.secs(t0));
        long t1 = System.nanoTime();
        new InferenceService(new Database(storage), InferenceOptions.defaults(), Clock.systemUTC())
            .run(true);
        System.out.printf(Locale.ROOT, "inferred in %.1f s%n", InferBench.secs(t1));
      }
      Map<String, String> env = IngestLoad.env(data, "0");
      ServerConfig config = ServerConfig.from(env, data.dir.resolve("no.env"));
      try (CliAnalyticsServer server =
          CliAnalyticsServer.start(config, Storages.open(data.url, data.dir))) {
        String base = "http://127.0.0.1:" + server.port();
        try (IngestLoad load = new IngestLoad(server.port())) {
          load.send(IngestLoad.bodies(NEW_EVENTS));
        }
        long t2 = System.nanoTime();
        send(HttpClient.newHttpClient(), post(base + "/infer"));
        System.out.printf(
            Locale.ROOT,
            "POST /infer after %d new events: %.1f s%n",
            NEW_EVENTS,
            InferBench.secs(t2));
        double summaryFirst = first(base + "/reports/summary");
        double workflowFirst = first(base + "/reports/workflows/apply_workflow");
        double summary = p95(base + "/reports/summary");
        double workflow = p95(base + "/reports/workflows/apply_workflow");
        // a Supabase user's page: 1,000 rows filtered on a payload field (docs/supabase.md)
        String filtered =
            base
                + "/rest/v1/events?payload-%3E%3Etool_name=eq."
                + URLEncoder.encode(tool, StandardCharsets.UTF_8)
                + "&limit=1000";
        // ClickHouse answers PostgREST reads by reading every row in Java (Storage.query's
        // default): not measured there, printed as -1.
        boolean rest = !ClickHouseUrl.isClickHouse(data.url == null ? "" : data.url);
        double restPage = rest ? p95(filtered) : -1;
        double restOrdered = rest ? p95(filtered + "&order=id.desc") : -1;
        Map<String, Double> uncached = uncached(base);
        System.out.printf(
            Locale.ROOT,
            "{\"summary_first_request_ms\": %.1f, \"workflow_first_request_ms\": %.1f,"
                + " \"first_request_ms\": %.1f, \"summary_p95_ms\": %.1f, \"workflow_p95_ms\":"
                + " %.1f, \"rest_filtered_page_p95_ms\": %.1f,"
                + " \"rest_filtered_ordered_page_p95_ms\": %.1f, \"uncached_max_ms\": %.1f,"
                + " \"uncached_ms\": %s}%n",
            summaryFirst,
            workflowFirst,
            Math.max(summaryFirst, workflowFirst),
            summary,
            workflow,
            restPage,
            restOrdered,
            uncached.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
            Json.write(uncached));
      }
    }
  }

  /**
   * Milliseconds for each report when nothing is cached for it: the median of {@link
   * #UNCACHED_ROUNDS} requests, each with a {@code from} date no request has used (a day in 2000,
   * before every sample event, so the answer covers the same events as the unfiltered report while
   * its cache key is new).
   */
  private static Map<String, Double> uncached(String base) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    Map<String, Double> medians = new LinkedHashMap<>();
    LocalDate day = LocalDate.of(2000, 1, 1);
    for (String report : UNCACHED_REPORTS) {
      double[] ms = new double[UNCACHED_ROUNDS];
      for (int i = 0; i < UNCACHED_ROUNDS; i++) {
        day = day.plusDays(1);
        ms[i] = timed(client, get(base + "/reports/" + report + "?from=" + day));
      }
      Arrays.sort(ms);
      System.out.printf(
          Locale.ROOT,
          "/reports/%s uncached: median %.1f ms of %s%n",
          report,
          ms[UNCACHED_ROUNDS / 2],
          Arrays.toString(ms));
      medians.put(report, Math.round(ms[UNCACHED_ROUNDS / 2] * 10) / 10.0);
    }
    return medians;
  }

  private static HttpRequest post(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
  }

  /** Milliseconds of the first request to {@code url} after the inference, on a new connection. */
  private static double first(String url) throws Exception {
    HttpRequest request = get(url);
    try (HttpClient client = HttpClient.newHttpClient()) {
      double ms = timed(client, request);
      System.out.printf(Locale.ROOT, "%s: first request after the inference %.1f ms%n", url, ms);
      return ms;
    }
  }

  private static double p95(String url) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = get(url);
    for (int i = 0; i < 10; i++) {
      send(client, request);
    }
    double[] ms = new double[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      ms[i] = timed(client, request);
    }
    Arrays.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "%s: p50 %.1f ms, p95 %.1f ms%n",
        url,
        ms[REQUESTS / 2],
        ms[REQUESTS * 95 / 100 - 1]);
    return ms[(int) Math.ceil(REQUESTS * 0.95) - 1];
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + TOKEN)
        .build();
  }

  /** Milliseconds for one request and its whole answer. */
  private static double timed(HttpClient client, HttpRequest request) throws Exception {
    long t = System.nanoTime();
    send(client, request);
    return (System.nanoTime() - t) / 1e6;
  }

  private static void send(HttpClient client, HttpRequest request) throws Exception {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
