package dev.clianalytics.bench;

import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code posthog [--database-url URL] [--events N]}: the same N sample runs sent once to {@code
 * /ingest} as schema-v1 events and once to {@code /batch/} as PostHog {@code cli_command} events
 * (as posthog-node sends them: {@code {"api_key", "batch", "sent_at"}}, properties and {@code $lib}
 * included), each to a fresh database behind a real server, in batches of {@link #BATCH} with
 * {@link #CLIENTS} requests in flight: a warm-up round, then {@link #ROUNDS} timed rounds. Prints
 * the median throughputs and the median of the rounds' ratios.
 */
final class PosthogBench {
  static final int BATCH = 500;
  static final int CLIENTS = 4;
  static final int ROUNDS = 3;
  private static final String KEY = "phc_benchProjectKey0001";

  private PosthogBench() {}

  static void run(BenchArgs args) throws Exception {
    List<Map<String, Object>> runs = sample(args.events());
    List<byte[]> ingest = new ArrayList<>();
    List<byte[]> posthog = new ArrayList<>();
    for (int i = 0; i < runs.size(); i += BATCH) {
      List<Map<String, Object>> slice = runs.subList(i, Math.min(runs.size(), i + BATCH));
      ingest.add(bytes(Map.of("events", slice)));
      posthog.add(bytes(posthogBatch(slice)));
    }
    System.out.printf(
        Locale.ROOT,
        "%d runs in %d batches of %d; %d clients; bodies %.1f MB (/ingest), %.1f MB (/batch/)%n",
        runs.size(),
        ingest.size(),
        BATCH,
        CLIENTS,
        megabytes(ingest),
        megabytes(posthog));
    // A warm-up round compiles the shared code for both paths; then timed rounds alternate which
    // path goes first, and the medians are reported (other processes on the machine make single
    // rounds move by tens of percent).
    measure(args.databaseUrl(), "/ingest", ingest, runs.size());
    measure(args.databaseUrl(), "/batch/", posthog, runs.size());
    double[] ingestRates = new double[ROUNDS];
    double[] posthogRates = new double[ROUNDS];
    double[] ratios = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      System.out.println("timed round " + (round + 1) + ":");
      if (round % 2 == 0) {
        ingestRates[round] = measure(args.databaseUrl(), "/ingest", ingest, runs.size());
        posthogRates[round] = measure(args.databaseUrl(), "/batch/", posthog, runs.size());
      } else {
        posthogRates[round] = measure(args.databaseUrl(), "/batch/", posthog, runs.size());
        ingestRates[round] = measure(args.databaseUrl(), "/ingest", ingest, runs.size());
      }
      ratios[round] = posthogRates[round] / ingestRates[round];
    }
    double ingestRate = median(ingestRates);
    double posthogRate = median(posthogRates);
    System.out.printf(
        Locale.ROOT,
        "{\"ingest_events_per_s\": %.0f, \"posthog_events_per_s\": %.0f, \"ratio_to_ingest\":"
            + " %.2f}%n",
        ingestRate,
        posthogRate,
        median(ratios));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static List<Map<String, Object>> sample(int events) {
    LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    SampleOptions options = new SampleOptions(events, Math.max(30, events / 2_000), 28, 42, end);
    List<Map<String, Object>> runs = new ArrayList<>(events);
    Instant now = Instant.now();
    new SampleGenerator(options)
        .generate(
            raw -> {
              if (!(EventValidator.validate(raw, now) instanceof Validation.Valid)) {
                return;
              }
              Map<String, Object> e = new LinkedHashMap<>(raw);
              e.putIfAbsent("event_id", UUID.randomUUID().toString());
              runs.add(e);
            });
    return runs;
  }

  /** The runs as posthog-node would send them from a CLI: one cli_command event each. */
  static Map<String, Object> posthogBatch(List<Map<String, Object>> runs) {
    List<Object> batch = new ArrayList<>(runs.size());
    for (Map<String, Object> r : runs) {
      Map<String, Object> props = new LinkedHashMap<>();
      List<?> path = (List<?>) r.get("command_path");
      props.put("command", String.join(" ", path.stream().map(String::valueOf).toList()));
      props.put("cli", r.get("tool_name"));
      props.put("cli_version", r.get("tool_version"));
      props.put("exit_code", r.get("exit_code"));
      props.put("duration_ms", r.get("duration_ms"));
      props.put("flags", r.get("flags_present"));
      props.put("ci", r.get("ci_detected"));
      props.put("error_type", r.get("error_type"));
      props.put("error_message", r.get("error_message"));
      props.put("$device_id", r.get("machine_id"));
      props.put("$session_id", r.get("session_hint"));
      props.put("$lib", "posthog-node");
      props.put("$lib_version", "5.74.0");
      props.put("$geoip_disable", true);
      props.values().removeIf(v -> v == null);
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("event", "cli_command");
      event.put("distinct_id", r.get("actor_id"));
      event.put("properties", props);
      event.put("timestamp", r.get("timestamp"));
      event.put("uuid", r.get("event_id"));
      batch.add(event);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("api_key", KEY);
    body.put("batch", batch);
    body.put("sent_at", Instant.now().toString());
    return body;
  }

  private static double megabytes(List<byte[]> bodies) {
    return bodies.stream().mapToLong(b -> b.length).sum() / 1e6;
  }

  private static byte[] bytes(Object json) {
    return Json.write(json).getBytes(StandardCharsets.UTF_8);
  }

  /** Events per second for sending {@code bodies} to {@code path} of a fresh server. */
  private static double measure(String databaseUrl, String path, List<byte[]> bodies, int events)
      throws Exception {
    try (BenchData data = BenchData.create(databaseUrl)) {
      ServerConfig config = data.serverConfig(KEY);
      try (CliAnalyticsServer server =
              CliAnalyticsServer.start(config, Storages.open(data.url, data.dir));
          ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        HttpClient client = HttpClient.newHttpClient();
        // warm-up: the first tenth, then the rest timed (the warm-up runs are stored too)
        int warm = Math.max(1, bodies.size() / 10);
        send(pool, client, uri, bodies.subList(0, warm));
        long t0 = System.nanoTime();
        send(pool, client, uri, bodies.subList(warm, bodies.size()));
        double secs = (System.nanoTime() - t0) / 1e9;
        int timedEvents = events - Math.min(events, warm * BATCH);
        double rate = timedEvents / secs;
        System.out.printf(
            Locale.ROOT, "%s: %d events in %.2f s, %.0f events/s%n", path, timedEvents, secs, rate);
        return rate;
      }
    }
  }

  private static void send(ExecutorService pool, HttpClient client, URI uri, List<byte[]> bodies)
      throws Exception {
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int first = c;
      work.add(
          pool.submit(
              () -> {
                for (int i = first; i < bodies.size(); i += CLIENTS) {
                  post(client, uri, bodies.get(i));
                }
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
  }

  private static void post(HttpClient client, URI uri, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + KEY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    // every run must be stored on both paths: none rejected, none taken for a non-command event
    if (r.statusCode() != 200
        || r.body().contains("\"rejected\":[{")
        || (r.body().contains("\"dropped\"") && !r.body().contains("\"dropped\":0"))) {
      throw new IllegalStateException(
          uri.getPath() + " answered " + r.statusCode() + ": " + r.body());
    }
  }
}
