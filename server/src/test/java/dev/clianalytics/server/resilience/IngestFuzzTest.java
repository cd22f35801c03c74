package dev.clianalytics.server.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throws 10,000 seeded mutations of valid bodies at {@code POST /ingest} (byte flips, truncation,
 * duplication, nesting, huge numbers, bad UTF-8, random content types and encodings) on the
 * embedded database: no answer may be a 5xx, every 4xx is problem+json, and the server stays
 * healthy.
 */
class IngestFuzzTest {
  private static final int REQUESTS = 10_000;
  private static final long SEED = 20260124L;
  private static final String[] CONTENT_TYPES = {
    "application/json",
    "application/json",
    "application/x-ndjson",
    "text/plain",
    "",
    "application/xml",
    "text/html; charset=utf-8",
    "application/json; charset=latin1",
    "application/problem+json",
    "multipart/form-data; boundary=x",
    "application/json;;;",
    "application/x-www-form-urlencoded",
    "*/*",
    "application/json; charset=\"UTF-8\""
  };
  private static final String[] ENCODINGS = {
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "gzip",
    "gzip",
    "gzip",
    "identity",
    "br",
    "deflate",
    "gzip, gzip",
    "x-gzip"
  };

  @TempDir Path dir;

  @Test
  void tenThousandMutatedBodies_neverGet5xx_andServerStaysHealthy() throws Exception {
    ServerConfig config =
        ServerConfig.from(
            Map.of("DATA_DIR", dir.toString(), "PORT", "0", "MAX_BODY_BYTES", "1048576"),
            dir.resolve("none"));
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, Storages.open(null, dir));
        HttpClient client =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
      URI ingest = URI.create("http://127.0.0.1:" + server.port() + "/ingest");
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      List<String> failures = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> work = new ArrayList<>();
      for (int worker = 0; worker < 4; worker++) {
        long seed = SEED + worker;
        work.add(
            pool.submit(
                () -> {
                  fuzz(client, ingest, new Mutator(seed), REQUESTS / 4, statuses, failures);
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
      pool.shutdown();
      System.out.println("fuzz statuses: " + new TreeMap<>(statuses));
      assertEquals(List.of(), failures.stream().limit(10).toList());
      int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
      assertEquals(REQUESTS, total);
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(ingest.resolve("/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertTrue(statuses.containsKey(200) && statuses.containsKey(400), "mutations reach both");
    }
  }

  private static void fuzz(
      HttpClient client,
      URI ingest,
      Mutator mutator,
      int count,
      Map<Integer, AtomicInteger> statuses,
      List<String> failures)
      throws IOException, InterruptedException {
    Random random = mutator.random();
    for (int i = 0; i < count; i++) {
      byte[] body = seedBody(random);
      if (random.nextInt(20) != 0) {
        body = mutator.mutate(body);
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(ingest).timeout(Duration.ofSeconds(30));
      // mostly well-labelled bodies, so most mutations reach the parser and the validator
      String type =
          random.nextInt(100) < 85
              ? (random.nextBoolean() ? "application/json" : "application/x-ndjson")
              : CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
      if (!type.isEmpty()) {
        request.header("Content-Type", type);
      }
      String encoding = random.nextInt(100) < 85 ? "" : ENCODINGS[random.nextInt(ENCODINGS.length)];
      if (!encoding.isEmpty()) {
        request.header("Content-Encoding", encoding);
        if (encoding.contains("gzip") && random.nextBoolean()) {
          body = gzip(body);
        }
      }
      HttpResponse<String> r =
          client.send(
              request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofString());
      statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
      boolean problem =
          r.headers().firstValue("content-type").orElse("").startsWith("application/problem+json");
      if (r.statusCode() >= 500 || (r.statusCode() >= 400 && !problem)) {
        synchronized (failures) {
          failures.add(r.statusCode() + " " + r.body());
        }
      }
    }
  }

  private static byte[] seedBody(Random random) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
      Map<String, Object> e = Ev.recent("fuzz-" + random.nextInt(50)).json();
      if (random.nextBoolean()) {
        e.put("error_type", "ENOENT");
        e.put("error_message", "open /home/alice/.ssh/id_rsa failed");
        e.put("ci_detected", random.nextBoolean());
      }
      events.add(e);
    }
    String text =
        switch (random.nextInt(4)) {
          case 0 -> Json.write(events.getFirst());
          case 1 -> Json.write(events);
          case 2 -> Json.write(Map.of("events", events));
          default -> String.join("\n", events.stream().map(e -> Json.write(e)).toList());
        };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
