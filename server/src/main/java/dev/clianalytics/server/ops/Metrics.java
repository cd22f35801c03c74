package dev.clianalytics.server.ops;

import dev.clianalytics.server.storage.Storage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Counters and histograms for {@code GET /metrics}, written in the Prometheus text format by hand
 * (a handful of series does not justify a client library).
 */
public final class Metrics {
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private final LongAdder accepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder limitedByToken = new LongAdder();
  private final LongAdder limitedByAddress = new LongAdder();
  private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> protocolEvents = new ConcurrentHashMap<>();
  private final Supplier<Storage.PoolStats> pool;
  private volatile InferenceGauges inference;

  /** Metrics whose pool gauges read {@code pool} at each scrape. */
  public Metrics(Supplier<Storage.PoolStats> pool) {
    this.pool = pool;
  }

  /** Adds the inference lag and regression gauges, read from the database at each scrape. */
  public void inference(InferenceGauges gauges) {
    this.inference = gauges;
  }

  /** Counts the outcome of one ingest request. */
  public void events(int acceptedCount, int duplicateCount, int rejectedCount) {
    accepted.add(acceptedCount);
    duplicates.add(duplicateCount);
    rejected.add(rejectedCount);
  }

  /**
   * Counts events that arrived in another protocol ({@code posthog}, {@code otlp}) by {@code
   * result}: {@code accepted} (stored, or already stored), {@code dropped} (not a command run) or
   * {@code rejected} (failed validation). Adding 0 makes the series appear before any event.
   */
  public void protocolEvents(String protocol, String result, long count) {
    protocolEvents
        .computeIfAbsent(
            "protocol=\"" + protocol + "\",result=\"" + result + "\"", k -> new LongAdder())
        .add(count);
  }

  /** Counts one request answered 429 by the {@code token} or {@code address} rate limit. */
  public void rateLimited(String limit) {
    switch (limit) {
      case "token" -> limitedByToken.increment();
      case "address" -> limitedByAddress.increment();
      default -> throw new IllegalArgumentException("no rate limit named " + limit);
    }
  }

  /** Records one request's latency under its route pattern (never the raw path). */
  public void request(String method, String route, int status, double seconds) {
    String key =
        "method=\"" + method + "\",route=\"" + route + "\",status=\"" + (status / 100) + "xx\"";
    latency.computeIfAbsent(key, k -> new Histogram()).observe(seconds);
  }

  public long accepted() {
    return accepted.sum();
  }

  /** The Prometheus text exposition of every series. */
  public String scrape() {
    StringBuilder out = new StringBuilder(4096);
    counter(out, "cli_analytics_events_accepted_total", "Events stored.", accepted.sum());
    counter(
        out, "cli_analytics_events_duplicate_total", "Events already stored.", duplicates.sum());
    counter(out, "cli_analytics_events_rejected_total", "Events rejected.", rejected.sum());
    out.append("# HELP cli_analytics_http_rate_limited_total Requests answered 429 by a limit.\n");
    out.append("# TYPE cli_analytics_http_rate_limited_total counter\n");
    out.append("cli_analytics_http_rate_limited_total{limit=\"token\"} ");
    out.append(limitedByToken.sum()).append('\n');
    out.append("cli_analytics_http_rate_limited_total{limit=\"address\"} ");
    out.append(limitedByAddress.sum()).append('\n');
    protocols(out);
    out.append("# HELP cli_analytics_http_request_duration_seconds Request latency by route.\n");
    out.append("# TYPE cli_analytics_http_request_duration_seconds histogram\n");
    latency.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                e.getValue().write(out, "cli_analytics_http_request_duration_seconds", e.getKey()));
    pool(out);
    InferenceGauges gauges = inference;
    if (gauges != null) {
      gauges.write(out);
    }
    return out.toString();
  }

  private void protocols(StringBuilder out) {
    String name = "cli_analytics_protocol_events_total";
    out.append("# HELP ").append(name);
    out.append(" Events received by protocol: accepted, dropped (not a command run), rejected.\n");
    out.append("# TYPE ").append(name).append(" counter\n");
    protocolEvents.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                out.append(name)
                    .append('{')
                    .append(e.getKey())
                    .append("} ")
                    .append(e.getValue().sum())
                    .append('\n'));
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append(' ').append(value).append('\n');
  }

  /** Connection pool gauges, as the storage reports them. */
  private void pool(StringBuilder out) {
    Storage.PoolStats stats = pool.get();
    gauge(out, "cli_analytics_db_pool_active_connections", "Connections in use.", stats.active());
    gauge(out, "cli_analytics_db_pool_idle_connections", "Idle connections.", stats.idle());
    gauge(out, "cli_analytics_db_pool_max_connections", "Most connections allowed.", stats.max());
    gauge(
        out, "cli_analytics_db_pool_waiting", "Callers waiting for a connection.", stats.waiting());
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append(' ').append(value).append('\n');
  }

  /** A fixed-bucket histogram; adders keep recording cheap under concurrency. */
  private static final class Histogram {
    private final LongAdder[] counts = new LongAdder[BUCKETS.length];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          counts[i].increment();
        }
      }
      count.increment();
      sum.add(seconds);
    }

    void write(StringBuilder out, String name, String labels) {
      for (int i = 0; i < BUCKETS.length; i++) {
        out.append(name).append("_bucket{").append(labels).append(",le=\"").append(BUCKETS[i]);
        out.append("\"} ").append(counts[i].sum()).append('\n');
      }
      out.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ");
      out.append(count.sum()).append('\n');
      out.append(name).append("_sum{").append(labels).append("} ").append(sum.sum()).append('\n');
      out.append(name).append("_count{").append(labels).append("} ").append(count.sum());
      out.append('\n');
    }
  }
}
