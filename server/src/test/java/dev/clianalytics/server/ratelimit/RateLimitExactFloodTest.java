package dev.clianalytics.server.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floods a real server from 4 threads while the rate limits' clock is held still by the test
 * (docs/testing.md, "Rate limits"): however fast or slow the machine runs the flood, exactly the
 * burst passes, and after the test moves the clock on, exactly what refilled in that time. The
 * count is exact, so a limiter that lets through one request too many, or ten times too many,
 * fails.
 */
class RateLimitExactFloodTest {
  private static final long SECOND = 1_000_000_000L;
  private static final int PER_TOKEN = 20;
  private static final int PER_ADDRESS = 50;
  private static final int THREADS = 4;
  private static final int PER_THREAD = 150;
  private static final String READ = "read-token-exact-flood";

  @TempDir Path dir;
  private final AtomicLong nanoTime = new AtomicLong(5_000 * SECOND);

  private CliAnalyticsServer start() {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dir.toString());
    env.put("PORT", "0");
    env.put("READ_TOKENS", READ);
    env.put("INFER_INTERVAL", "0");
    env.put("RATE_LIMIT_PER_TOKEN", Integer.toString(PER_TOKEN));
    env.put("RATE_LIMIT_PER_ADDRESS", Integer.toString(PER_ADDRESS));
    return CliAnalyticsServer.start(
        ServerConfig.from(env, dir.resolve("none.env")),
        new InMemoryStorage(),
        Clock.systemUTC(),
        nanoTime::get);
  }

  @Test
  void floodOnAHeldClock_passesExactlyTheBurst_thenExactlyWhatRefilled() throws Exception {
    try (CliAnalyticsServer server = start()) {
      Http http = new Http(server.port());
      Supplier<Http.Response> byToken =
          () -> http.get("/openapi.json", "Authorization", "Bearer " + READ);
      Supplier<Http.Response> anonymous = () -> http.get("/openapi.json");

      // the token's bucket holds two seconds of its rate; the address has room for all of them
      Map<Integer, Integer> first = flood(byToken);
      assertEquals(Map.of(200, 2 * PER_TOKEN, 429, 600 - 2 * PER_TOKEN), first, "token burst");

      nanoTime.addAndGet(3 * SECOND / 2);
      Map<Integer, Integer> refilled = flood(byToken);
      assertEquals(
          Map.of(200, 3 * PER_TOKEN / 2, 429, 600 - 3 * PER_TOKEN / 2), refilled, "1.5 s refill");

      // long enough for every bucket to be full again
      nanoTime.addAndGet(10 * SECOND);
      Map<Integer, Integer> byAddress = flood(anonymous);
      assertEquals(
          Map.of(200, 2 * PER_ADDRESS, 429, 600 - 2 * PER_ADDRESS), byAddress, "address burst");

      nanoTime.addAndGet(SECOND / 2);
      Map<Integer, Integer> addressRefilled = flood(anonymous);
      assertEquals(
          Map.of(200, PER_ADDRESS / 2, 429, 600 - PER_ADDRESS / 2),
          addressRefilled,
          "0.5 s refill");

      nanoTime.addAndGet(10 * SECOND); // GET /metrics is limited too
      String metrics = http.get("/metrics").body();
      assertEquals(first.get(429) + refilled.get(429), counter(metrics, "token"));
      assertEquals(byAddress.get(429) + addressRefilled.get(429), counter(metrics, "address"));
    }
  }

  /** Sends {@code THREADS x PER_THREAD} requests as fast as they go; the count of each status. */
  private static Map<Integer, Integer> flood(Supplier<Http.Response> request) throws Exception {
    Map<Integer, Integer> statuses = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        work.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < PER_THREAD; i++) {
                    int status = request.get().status();
                    synchronized (statuses) {
                      statuses.merge(status, 1, Integer::sum);
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
    return statuses;
  }

  private static int counter(String metrics, String limit) {
    Matcher m =
        Pattern.compile("cli_analytics_http_rate_limited_total\\{limit=\"" + limit + "\"} (\\d+)")
            .matcher(metrics);
    assertTrue(m.find(), metrics);
    return Integer.parseInt(m.group(1));
  }
}
