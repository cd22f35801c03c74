package dev.clianalytics.server.ratelimit;

import dev.clianalytics.server.auth.Authenticator;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.ops.Metrics;
import io.javalin.http.Context;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request rate limits per token and per client address, as token buckets in this instance's memory
 * (each instance counts its own requests). Runs before routing and auth, so a refused request is
 * answered 429 with {@code Retry-After} before its body is read. A request is charged to its
 * address and, when it presents a configured token, to that token (an ingest-only token, shared by
 * every install, per address: see docs/server.md, "Rate limits"); it passes only if both have a
 * permit. {@code GET /health} is never limited: load balancers poll it.
 */
public final class RateLimiter {
  /** Buckets hold this many seconds of the rate: a client may burst to twice its rate. */
  public static final int BURST_SECONDS = 2;

  /** Most clients remembered per limit (about 100 bytes each). */
  public static final int MAX_KEYS = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

  /** Which limit refused a request; the name is the configuration key and the metrics label. */
  enum Limit {
    TOKEN("RATE_LIMIT_PER_TOKEN", "this token"),
    ADDRESS("RATE_LIMIT_PER_ADDRESS", "this address");

    final String key;
    final String who;

    Limit(String key, String who) {
      this.key = key;
      this.who = who;
    }
  }

  /** A refused request: the limit and how long until it would pass. */
  record Refusal(Limit limit, long waitNanos) {
    /** {@code Retry-After} in whole seconds, rounded up, at least 1. */
    long retryAfterSeconds() {
      return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
  }

  private final int perToken;
  private final int perAddress;
  private final Buckets tokens;
  private final Buckets addresses;
  private final ClientKey.Factory keys = new ClientKey.Factory();
  private final Authenticator auth;
  private final Metrics metrics;
  private final LongSupplier nanoTime;
  private final AtomicLong lastLog;

  /**
   * Limits of {@code perToken} and {@code perAddress} requests per second (0 turns one off), with
   * {@code nanoTime} as the clock.
   */
  public RateLimiter(
      int perToken, int perAddress, Authenticator auth, Metrics metrics, LongSupplier nanoTime) {
    long now = nanoTime.getAsLong();
    this.perToken = perToken;
    this.perAddress = perAddress;
    this.tokens = buckets(perToken, now);
    this.addresses = buckets(perAddress, now);
    this.auth = auth;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
    this.lastLog = new AtomicLong(now - LOG_INTERVAL_NANOS);
  }

  private static Buckets buckets(int perSecond, long now) {
    return perSecond == 0 ? null : new Buckets(perSecond, perSecond * BURST_SECONDS, MAX_KEYS, now);
  }

  /** A Javalin before-handler: throws a 429 problem when the request is over a limit. */
  public void check(Context ctx) {
    if (exempt(ctx.path()) || (tokens == null && addresses == null)) {
      return;
    }
    byte[] token = tokens == null ? null : auth.recognizedToken(ctx);
    boolean shared = token != null && auth.ingestOnly(token);
    Refusal refusal = admit(token, shared, ctx.req().getRemoteAddr(), nanoTime.getAsLong());
    if (refusal != null) {
      throw refuse(refusal);
    }
  }

  static boolean exempt(String path) {
    return path.equals("/health") || path.equals("/health/");
  }

  /** {@link #admit(byte[], boolean, String, long)} for a token that is not shared. */
  Refusal admit(byte[] tokenDigest, String address, long now) {
    return admit(tokenDigest, false, address, now);
  }

  /**
   * Null when the request may pass (its permits are then taken), else why it may not. A {@code
   * shared} token (an ingest-only token: it ships inside every installed tool) gets a bucket per
   * client address, so one address cannot spend the budget of every install; a read or admin token,
   * held by one operator, has one bucket wherever it comes from.
   */
  Refusal admit(byte[] tokenDigest, boolean shared, String address, long now) {
    ClientKey tokenKey = null;
    if (tokens != null && tokenDigest != null) {
      tokenKey = shared ? keys.tokenAt(tokenDigest, address) : keys.token(tokenDigest);
      long wait = tokens.take(tokenKey, now);
      if (wait > 0) {
        return new Refusal(Limit.TOKEN, wait);
      }
    }
    if (addresses != null) {
      long wait = addresses.take(keys.address(address), now);
      if (wait > 0) {
        if (tokenKey != null) {
          tokens.giveBack(tokenKey);
        }
        return new Refusal(Limit.ADDRESS, wait);
      }
    }
    return null;
  }

  /** Clients remembered by the token and the address limit, for tests of the bound. */
  int[] sizes() {
    return new int[] {tokens == null ? 0 : tokens.size(), addresses == null ? 0 : addresses.size()};
  }

  private ApiProblem refuse(Refusal refusal) {
    Limit limit = refusal.limit();
    int rate = limit == Limit.TOKEN ? perToken : perAddress;
    metrics.rateLimited(limit.name().toLowerCase(java.util.Locale.ROOT));
    logNowAndThen(limit, rate);
    return ApiProblem.tooManyRequests(
        "too many requests from "
            + limit.who
            + " (over "
            + rate
            + " per second, "
            + limit.key
            + "); retry after "
            + refusal.retryAfterSeconds()
            + " s",
        refusal.retryAfterSeconds());
  }

  /** One line a minute at most, naming the limit, never the client. */
  private void logNowAndThen(Limit limit, int rate) {
    long now = nanoTime.getAsLong();
    long last = lastLog.get();
    if (now - last > LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
      LOG.warn(
          "answering 429: a client went over {}={} requests per second"
              + " (cli_analytics_http_rate_limited_total counts them)",
          limit.key,
          rate);
    }
  }
}
