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
  private static final int BURST_SECONDS = 2;

  @TempDir Path dir;

  /**
   * What one flood saw; {@code passed} holds, for every request answered 200, when it was sent and
   * when its answer came (System.nanoTime).
   */
  private record Flood(
      Map<Integer, Integer> statuses, List<String> broken, long retryAfter, List<long[]> passed) {
    int count(int status) {
      return statuses.getOrDefault(status, 0);
    }

    /**
     * The window of the flood in which the most requests passed beyond what a limiter of {@code
     * perSecond} may let through: its burst (two seconds of the rate, docs/server.md) plus what it
     * refills over the window, plus one. A request sent at or after a window's start and answered
     * by its end was admitted inside it, whatever the server's own clock said, so this holds for
     * every window; checking all of them keeps the bound as tight as the shortest window, however
     * long the whole flood lasted. Returns {passed, allowed, window millis} of the worst window.
     */
    long[] worstWindow(int perSecond) {
      List<long[]> bySend = new ArrayList<>(passed);
      bySend.sort((a, b) -> Long.compare(a[0], b[0]));
      long[] worst = {0, Long.MAX_VALUE / 2, 0};
      for (int i = 0; i < bySend.size(); i++) {
        long start = bySend.get(i)[0];
        long[] ends = new long[bySend.size() - i];
        for (int k = i; k < bySend.size(); k++) {
          ends[k - i] = bySend.get(k)[1];
        }
        java.util.Arrays.sort(ends);
        for (int m = 0; m < ends.length; m++) {
          long nanos = ends[m] - start;
          long allowed =
              BURST_SECONDS * perSecond + (long) Math.ceil(perSecond * (nanos / 1e9)) + 1;
          if ((m + 1) - allowed > worst[0] - worst[1]) {
            worst = new long[] {m + 1, allowed, nanos / 1_000_000};
          }
        }
      }
      return worst;
    }

    @Override
    public String toString() {
      return new TreeMap<>(statuses) + " broken=" + broken + " retry_after=" + retryAfter;
    }

    String describe(int perSecond) {
      long[] w = worstWindow(perSecond);
      return new TreeMap<>(statuses)
          + " worst window: "
          + w[0]
          + " passed in "
          + w[2]
          + " ms where at most "
          + w[1]
          + " may";
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
      long[] tokenWindow = byToken.worstWindow(PER_TOKEN);
      assertTrue(
          tokenWindow[0] <= tokenWindow[1],
          () -> "more than the limit let through: " + byToken.describe(PER_TOKEN));
      assertEquals(
          200,
          http.get("/reports/summary", "apikey", TokenedPostgresServer.ADMIN).status(),
          "another token goes on");
      Thread.sleep(TimeUnit.SECONDS.toMillis(byToken.retryAfter()));
      assertEquals(200, http.get("/reports/summary", "Authorization", read).status(), "waited");

      Flood byAddress = flood(() -> http.get("/openapi.json"));
      assertEquals(List.of(), byAddress.broken());
      assertTrue(byAddress.count(429) > 0, byAddress::toString);
      long[] addressWindow = byAddress.worstWindow(PER_ADDRESS);
      assertTrue(
          addressWindow[0] <= addressWindow[1],
          () -> "more than the limit let through: " + byAddress.describe(PER_ADDRESS));
      Thread.sleep(TimeUnit.SECONDS.toMillis(byAddress.retryAfter()));
      String metrics = http.get("/metrics").body();
      assertEquals(byToken.count(429), counter(metrics, "token"));
      assertEquals(byAddress.count(429), counter(metrics, "address"));
      System.out.println(
          "reliability: rate-limit flood requests="
              + 2 * THREADS * PER_THREAD
              + " by_token="
              + byToken.describe(PER_TOKEN)
              + " by_address="
              + byAddress.describe(PER_ADDRESS)
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
    List<long[]> passed = new ArrayList<>();
    AtomicInteger retryAfter = new AtomicInteger(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < PER_THREAD; i++) {
                    long sent = System.nanoTime();
                    Http.Response r = request.get();
                    long answered = System.nanoTime();
                    synchronized (statuses) {
                      statuses.merge(r.status(), 1, Integer::sum);
                      if (r.status() == 200) {
                        passed.add(new long[] {sent, answered});
                      }
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
    return new Flood(statuses, broken, retryAfter.get(), passed);
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
