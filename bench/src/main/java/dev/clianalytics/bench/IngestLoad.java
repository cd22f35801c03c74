package dev.clianalytics.bench;

import dev.clianalytics.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP load generator of the {@code ingest} and {@code soak} benchmarks: sample runs as {@code
 * {"events": [...]}} bodies of {@link #BATCH} events, posted to {@code /ingest} by {@link #CLIENTS}
 * threads, each on its own keep-alive HTTP/1.1 connection. Every answer must accept every event.
 */
final class IngestLoad implements AutoCloseable {
  static final int BATCH = 500;
  static final int CLIENTS = 4;
  static final String TOKEN = "bench-ingest-token";
  static final String ADMIN = "bench-admin-token";

  private final URI uri;
  private final List<HttpClient> clients = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
  private final AtomicLong acknowledged = new AtomicLong();

  IngestLoad(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/ingest");
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }
  }

  /** The server's configuration for a benchmark: no rate limits, no scheduled inference. */
  static Map<String, String> env(BenchData data, String inferInterval) {
    return data.serverEnv(TOKEN, ADMIN, inferInterval);
  }

  /** {@code events} sample runs as request bodies of {@link #BATCH} events each. */
  static List<byte[]> bodies(int events) {
    List<Map<String, Object>> runs = PosthogBench.sample(events);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < runs.size(); i += BATCH) {
      List<Map<String, Object>> slice = runs.subList(i, Math.min(runs.size(), i + BATCH));
      bodies.add(Json.write(Map.of("events", slice)).getBytes(StandardCharsets.UTF_8));
    }
    return bodies;
  }

  /**
   * Posts {@code bodies} (client {@code c} takes every {@link #CLIENTS}th) as fast as answers come
   * and returns each request's latency in milliseconds, sorted.
   */
  double[] send(List<byte[]> bodies) throws Exception {
    double[] ms = new double[bodies.size()];
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int first = c;
      work.add(
          pool.submit(
              () -> {
                for (int i = first; i < bodies.size(); i += CLIENTS) {
                  long t = System.nanoTime();
                  post(clients.get(first), bodies.get(i));
                  ms[i] = (System.nanoTime() - t) / 1e6;
                }
                return null;
              }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    Arrays.sort(ms);
    return ms;
  }

  /** Posts one body on client {@code c}'s connection and returns its latency in milliseconds. */
  double sendOne(int c, byte[] body) throws Exception {
    long t = System.nanoTime();
    post(clients.get(c), body);
    return (System.nanoTime() - t) / 1e6;
  }

  private void post(HttpClient client, byte[] body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200
        || !(Json.parse(r.body()) instanceof Map<?, ?> answer)
        || !(answer.get("rejected") instanceof List<?> rejected)
        || !rejected.isEmpty()
        || !(answer.get("accepted") instanceof Number accepted)) {
      throw new IllegalStateException("/ingest answered " + r.statusCode() + ": " + r.body());
    }
    acknowledged.addAndGet(accepted.longValue());
  }

  /** Events the server has answered as accepted (stored and committed) so far. */
  long acknowledged() {
    return acknowledged.get();
  }

  /** The value at quantile {@code q} (0 to 1) of sorted values. */
  static double quantile(double[] sorted, double q) {
    return sorted[Math.max(0, (int) Math.ceil(sorted.length * q) - 1)];
  }

  @Override
  public void close() {
    pool.shutdownNow();
    clients.forEach(HttpClient::close);
  }
}
