package dev.clianalytics.bench;

import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code reports --database-url URL --events N}: loads and infers N sample events, starts a real
 * server, and measures the 95th percentile latency of 200 summary, 200 workflow and 2 x 200
 * PostgREST page requests (1,000 rows filtered on {@code payload->>tool_name}, in arrival order and
 * ordered by id descending).
 */
final class ReportsBench {
  private static final int REQUESTS = 200;
  private static final String TOKEN = "bench-admin-token";

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
      Map<String, String> env = new HashMap<>();
      env.put("HASH_SALT", BenchData.SALT);
      env.put("PORT", "0");
      env.put("ADMIN_TOKEN", TOKEN);
      env.put("INFER_INTERVAL", "0");
      env.put("DATA_DIR", data.dir.toString());
      if (data.url != null) {
        env.put("DATABASE_URL", data.url);
      }
      ServerConfig config = ServerConfig.from(env, data.dir.resolve("no.env"));
      try (CliAnalyticsServer server =
          CliAnalyticsServer.start(config, Storages.open(data.url, data.dir))) {
        String base = "http://127.0.0.1:" + server.port();
        double summary = p95(base + "/reports/summary");
        double workflow = p95(base + "/reports/workflows/apply_workflow");
        // a Supabase user's page: 1,000 rows filtered on a payload field (docs/supabase.md)
        String filtered =
            base
                + "/rest/v1/events?payload-%3E%3Etool_name=eq."
                + URLEncoder.encode(tool, StandardCharsets.UTF_8)
                + "&limit=1000";
        double restPage = p95(filtered);
        double restOrdered = p95(filtered + "&order=id.desc");
        System.out.printf(
            Locale.ROOT,
            "{\"summary_p95_ms\": %.1f, \"workflow_p95_ms\": %.1f, \"rest_filtered_page_p95_ms\":"
                + " %.1f, \"rest_filtered_ordered_page_p95_ms\": %.1f}%n",
            summary,
            workflow,
            restPage,
            restOrdered);
      }
    }
  }

  private static double p95(String url) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).build();
    long cold = System.nanoTime();
    send(client, request);
    System.out.printf(
        Locale.ROOT, "%s: first request %.1f ms%n", url, (System.nanoTime() - cold) / 1e6);
    for (int i = 0; i < 10; i++) {
      send(client, request);
    }
    double[] ms = new double[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long t = System.nanoTime();
      send(client, request);
      ms[i] = (System.nanoTime() - t) / 1e6;
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

  private static void send(HttpClient client, HttpRequest request) throws Exception {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
