package dev.clianalytics.bench;

import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code otlp --database-url URL --events N}: the throughput of {@code POST /ingest} (JSON) and of
 * {@code POST /v1/traces} (OTLP protobuf) for the same N sample runs, on one real server. Each
 * batch of 1,000 runs is encoded both ways before the clock starts (both copies carry the same
 * session hint, the span's trace id, and distinct event ids); four senders then post the two copies
 * of each batch one after the other, alternating which goes first. Interleaving batch by batch
 * gives both paths the same database and the same machine, busy or quiet: a path's throughput is
 * its events over its requests' summed time divided by the four senders.
 */
final class OtlpBench {
  static final int BATCH = 1_000;
  static final int SENDERS = 4;
  private static final String TOKEN = "bench-ingest-token";

  private OtlpBench() {}

  /** The two ways in. */
  enum Way {
    INGEST("/ingest", "application/json"),
    OTLP("/v1/traces", "application/x-protobuf");

    final String path;
    final String contentType;

    Way(String path, String contentType) {
      this.path = path;
      this.contentType = contentType;
    }
  }

  /** One request, encoded. */
  record Request(Way way, byte[] body, int events) {}

  static void run(BenchArgs args) throws Exception {
    int warmUp = Math.max(BATCH * SENDERS * 2, args.events() / 10);
    List<Map<String, Object>> runs = sample(warmUp + args.events());
    List<Request> warm = interleave(OtlpRuns.batches(runs.subList(0, warmUp), BATCH), 0);
    List<Request> timed =
        interleave(OtlpRuns.batches(runs.subList(warmUp, runs.size()), BATCH), 1 << 20);
    try (BenchData data = BenchData.create(args.databaseUrl());
        CliAnalyticsServer server =
            CliAnalyticsServer.start(config(data), Storages.open(data.url, data.dir))) {
      Sender sender = new Sender("http://127.0.0.1:" + server.port());
      sender.send(warm);
      System.out.printf(Locale.ROOT, "warm-up: %d runs over each path%n", warmUp);
      long start = System.nanoTime();
      Map<Way, Long> nanos = sender.send(timed);
      double wall = (System.nanoTime() - start) / 1e9;
      double ingest = rate(args.events(), nanos.get(Way.INGEST));
      double otlp = rate(args.events(), nanos.get(Way.OTLP));
      System.out.printf(
          Locale.ROOT,
          "%d runs over each path in %.1f s: /ingest %.1f s and /v1/traces %.1f s of request time"
              + " (%d senders, batches of %d)%n",
          args.events(),
          wall,
          nanos.get(Way.INGEST) / 1e9,
          nanos.get(Way.OTLP) / 1e9,
          SENDERS,
          BATCH);
      System.out.printf(
          Locale.ROOT,
          "{\"events\": %d, \"ingest_events_per_s\": %.0f, \"otlp_events_per_s\": %.0f,"
              + " \"ratio_to_ingest\": %.2f}%n",
          args.events(),
          ingest,
          otlp,
          otlp / ingest);
    }
  }

  private static double rate(int events, long requestNanos) {
    return events / (requestNanos / 1e9 / SENDERS);
  }

  /**
   * Both copies of every batch, alternating which comes first; ids and sessions differ per copy.
   */
  private static List<Request> interleave(List<List<Map<String, Object>>> batches, long copy) {
    List<Request> out = new ArrayList<>(batches.size() * 2);
    for (int b = 0; b < batches.size(); b++) {
      List<Map<String, Object>> batch = batches.get(b);
      Request ingest =
          new Request(Way.INGEST, OtlpRuns.ingestBody(batch, copy + 2L * b), batch.size());
      Request otlp =
          new Request(Way.OTLP, OtlpRuns.otlpBody(batch, copy + 2L * b + 1), batch.size());
      out.add(b % 2 == 0 ? ingest : otlp);
      out.add(b % 2 == 0 ? otlp : ingest);
    }
    return out;
  }

  private static List<Map<String, Object>> sample(int count) {
    LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    SampleOptions options = new SampleOptions(count, Math.max(30, count / 2_000), 28, 42, end);
    List<Map<String, Object>> runs = new ArrayList<>(count);
    new SampleGenerator(options).generate(runs::add);
    return runs;
  }

  private static ServerConfig config(BenchData data) {
    return data.serverConfig(TOKEN);
  }

  /** Posts requests from {@link #SENDERS} threads; every answer must be a full success. */
  private static final class Sender {
    private final HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    Sender(String base) {
      this.base = base;
    }

    /** Sends every request in order and returns each way's summed request time, in nanoseconds. */
    Map<Way, Long> send(List<Request> requests) throws Exception {
      Map<Way, LongAdder> nanos = Map.of(Way.INGEST, new LongAdder(), Way.OTLP, new LongAdder());
      AtomicInteger next = new AtomicInteger();
      try (ExecutorService pool = Executors.newFixedThreadPool(SENDERS)) {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
          work.add(
              pool.submit(
                  () -> {
                    for (int i; (i = next.getAndIncrement()) < requests.size(); ) {
                      Request r = requests.get(i);
                      long start = System.nanoTime();
                      post(r);
                      nanos.get(r.way()).add(System.nanoTime() - start);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : work) {
          f.get();
        }
      }
      return Map.of(Way.INGEST, nanos.get(Way.INGEST).sum(), Way.OTLP, nanos.get(Way.OTLP).sum());
    }

    private void post(Request r) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + r.way().path))
              .header("Content-Type", r.way().contentType)
              .header("Authorization", "Bearer " + TOKEN)
              .POST(HttpRequest.BodyPublishers.ofByteArray(r.body()))
              .build();
      HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      boolean refused =
          r.way() == Way.OTLP
              && answer.statusCode() == 200
              && ExportTraceServiceResponse.parseFrom(answer.body()).hasPartialSuccess();
      if (answer.statusCode() != 200 || refused) {
        throw new IllegalStateException(
            r.way().path
                + " answered "
                + answer.statusCode()
                + ": "
                + new String(answer.body(), StandardCharsets.UTF_8));
      }
    }
  }
}
