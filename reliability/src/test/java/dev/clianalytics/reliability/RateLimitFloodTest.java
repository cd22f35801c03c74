package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.testing.Http;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floods the server (on PostgreSQL, low limits) from one token and then anonymously from one
 * address: every answer is 200 or a 429 problem with {@code Retry-After}, {@code /health} and other
 * tokens are not held back, waiting as told is enough, and {@code /metrics} counts each refusal.
 */
class RateLimitFloodTest {
  private static final int PER_TOKEN = 20;
  private static final int PER_ADDRESS = 50;
  private static final int THREADS = 4;
  private static final int PER_THREAD = 150;

  @TempDir Path dir;

  /** What one flood saw. */
  private record Flood(
      Map<Integer, Integer> statuses, List<String> broken, long retryAfter, long nanos) {
    int count(int status) {
      return statuses.getOrDefault(status, 0);
    }

    /**
     * The most a limiter of {@code perSecond} may let through during this flood: its burst (two
     * seconds of the rate, docs/server.md) and what it refilled while the flood lasted, rounded up.
     */
    long mostAllowed(int perSecond) {
      long refilled = (long) Math.ceil(perSecond * (nanos / 1e9));
      return 2L * perSecond + refilled + 1;
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void floods_get200Or429WithRetryAfter_andEveryoneElseGoesOn() throws Exception {
    Map<String, String> limits =
        Map.of(
            "RATE_LIMIT_PER_TOKEN", Integer.toString(PER_TOKEN),
            "RATE_LIMIT_PER_ADDRESS", Integer.toString(PER_ADDRESS));
    try (TokenedPostgresServer server = TokenedPostgresServer.start(getClass(), dir, limits)) {
      Http http = server.http();
      String read = "Bearer " + TokenedPostgresServer.READ;
      HealthPoller health = new HealthPoller(http);
      Flood byToken = flood(() -> http.get("/reports/summary", "Authorization", read));
      int healthPolls = health.stop();
      assertEquals(List.of(), byToken.broken());
      assertTrue(byToken.count(429) > 0 && byToken.count(200) >= 2 * PER_TOKEN, byToken::toString);
      assertTrue(
          byToken.count(200) <= byToken.mostAllowed(PER_TOKEN),
          () -> "more than the limit let through: " + byToken);
      assertEquals(
          200,
          http.get("/reports/summary", "apikey", TokenedPostgresServer.ADMIN).status(),
          "another token goes on");
      Thread.sleep(TimeUnit.SECONDS.toMillis(byToken.retryAfter()));
      assertEquals(200, http.get("/reports/summary", "Authorization", read).status(), "waited");

      Flood byAddress = flood(() -> http.get("/openapi.json"));
      assertEquals(List.of(), byAddress.broken());
      assertTrue(byAddress.count(429) > 0, byAddress::toString);
      assertTrue(
          byAddress.count(200) <= byAddress.mostAllowed(PER_ADDRESS),
          () -> "more than the limit let through: " + byAddress);
      Thread.sleep(TimeUnit.SECONDS.toMillis(byAddress.retryAfter()));
      String metrics = http.get("/metrics").body();
      assertEquals(byToken.count(429), counter(metrics, "token"));
      assertEquals(byAddress.count(429), counter(metrics, "address"));
      System.out.println(
          "reliability: rate-limit flood requests="
              + 2 * THREADS * PER_THREAD
              + " by_token="
              + new TreeMap<>(byToken.statuses())
              + " by_address="
              + new TreeMap<>(byAddress.statuses())
              + " 5xx=0 health_polls_during_flood="
              + healthPolls
              + " (all 200) metrics_429="
              + (counter(metrics, "token") + counter(metrics, "address")));
    }
  }

  /** Sends {@code THREADS x PER_THREAD} requests as fast as they go. */
  private static Flood flood(Supplier<Http.Response> request) throws Exception {
    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> broken = new ArrayList<>();
    AtomicInteger retryAfter = new AtomicInteger(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long started = System.nanoTime();
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < PER_THREAD; i++) {
                    Http.Response r = request.get();
                    synchronized (statuses) {
                      statuses.merge(r.status(), 1, Integer::sum);
                      String problem = check(r);
                      if (problem != null && broken.size() < 10) {
                        broken.add(problem);
                      }
                    }
                    if (r.status() == 429) {
                      retryAfter.accumulateAndGet(
                          Integer.parseInt(r.headers().get("retry-after")), Math::max);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Flood(statuses, broken, retryAfter.get(), System.nanoTime() - started);
  }

  /** Null when {@code r} is a 200 or a well-formed 429, else what is wrong with it. */
  private static String check(Http.Response r) {
    if (r.status() == 200) {
      return null;
    }
    if (r.status() != 429) {
      return "answered " + r.status();
    }
    String retryAfter = r.headers().getOrDefault("retry-after", "");
    Map<?, ?> problem = (Map<?, ?>) Json.parse(r.body());
    if (!retryAfter.matches("[1-9][0-9]*")
        || !r.contentType().startsWith("application/problem+json")
        || !"urn:cli-analytics:problem:rate-limited".equals(problem.get("type"))) {
      return "a 429 without Retry-After or problem body: " + retryAfter + " " + r.body();
    }
    return null;
  }

  private static int counter(String metrics, String limit) {
    Matcher m =
        Pattern.compile("cli_analytics_http_rate_limited_total\\{limit=\"" + limit + "\"} (\\d+)")
            .matcher(metrics);
    assertTrue(m.find(), metrics);
    return Integer.parseInt(m.group(1));
  }

  /** Polls {@code /health} while a flood runs; every answer must be 200. */
  private static final class HealthPoller {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger polls = new AtomicInteger();
    private final List<Integer> bad = new ArrayList<>();
    private final Thread thread;

    HealthPoller(Http http) {
      thread =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (running.get()) {
                      int status = http.get("/health").status();
                      polls.incrementAndGet();
                      if (status != 200) {
                        synchronized (bad) {
                          bad.add(status);
                        }
                      }
                    }
                  });
    }

    int stop() throws InterruptedException {
      running.set(false);
      thread.join(30_000);
      assertEquals(List.of(), bad, "/health during the flood");
      assertTrue(polls.get() > 0, "/health was polled");
      return polls.get();
    }
  }
}
