package dev.clianalytics.server.ratelimit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.auth.Authenticator;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.ops.Metrics;
import dev.clianalytics.server.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limiter's decisions on a clock the test drives: no sleeping, no timing. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private static final byte[] TOKEN_A = "digest-of-token-a".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TOKEN_B = "digest-of-token-b".getBytes(StandardCharsets.UTF_8);
  private static final String ADDRESS = "203.0.113.7";

  @TempDir Path dir;
  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

  private RateLimiter limiter(int perToken, int perAddress) {
    ServerConfig config =
        ServerConfig.from(Map.of("DATA_DIR", dir.toString()), dir.resolve("none.env"));
    Metrics metrics = new Metrics(() -> new Storage.PoolStats(0, 0, 0, 0));
    return new RateLimiter(perToken, perAddress, new Authenticator(config), metrics, clock::get);
  }

  private RateLimiter.Refusal send(RateLimiter l, byte[] token, String address) {
    return l.admit(token, address, clock.get());
  }

  @Test
  void token_overItsBurst_isRefusedByTheTokenLimitWithTheWaitForOnePermit() {
    RateLimiter l = limiter(5, 0);
    for (int i = 0; i < 5 * RateLimiter.BURST_SECONDS; i++) {
      assertNull(send(l, TOKEN_A, ADDRESS), "request " + i + " is within the burst");
    }
    RateLimiter.Refusal refused = send(l, TOKEN_A, ADDRESS);
    assertNotNull(refused);
    assertEquals(RateLimiter.Limit.TOKEN, refused.limit());
    assertEquals(SECOND / 5, refused.waitNanos());
    assertEquals(1, refused.retryAfterSeconds());
  }

  @Test
  void sharedIngestToken_isCountedPerAddress_soOneAddressCannotSpendEveryInstallsBudget() {
    RateLimiter l = limiter(1, 0);
    l.admit(TOKEN_A, true, ADDRESS, clock.get());
    l.admit(TOKEN_A, true, ADDRESS, clock.get());
    RateLimiter.Refusal refused = l.admit(TOKEN_A, true, ADDRESS, clock.get());

    assertNotNull(refused);
    assertEquals(RateLimiter.Limit.TOKEN, refused.limit());
    assertNull(l.admit(TOKEN_A, true, "198.51.100.9", clock.get()));
  }

  @Test
  void readOrAdminToken_isCountedAcrossAddresses() {
    RateLimiter l = limiter(1, 0);
    l.admit(TOKEN_A, false, ADDRESS, clock.get());
    l.admit(TOKEN_A, false, ADDRESS, clock.get());

    assertNotNull(l.admit(TOKEN_A, false, "198.51.100.9", clock.get()));
  }

  @Test
  void anotherToken_isUnaffectedByOneThatIsOverItsLimit() {
    RateLimiter l = limiter(1, 0);
    send(l, TOKEN_A, ADDRESS);
    send(l, TOKEN_A, ADDRESS);
    assertNotNull(send(l, TOKEN_A, ADDRESS));
    assertNull(send(l, TOKEN_B, ADDRESS));
    assertNull(send(l, TOKEN_B, ADDRESS));
  }

  @Test
  void refusedToken_passesAgainOncePermitsHaveRefilled() {
    RateLimiter l = limiter(2, 0);
    for (int i = 0; i < 4; i++) {
      send(l, TOKEN_A, ADDRESS);
    }
    assertNotNull(send(l, TOKEN_A, ADDRESS));
    clock.addAndGet(SECOND / 2);
    assertNull(send(l, TOKEN_A, ADDRESS));
    assertNotNull(send(l, TOKEN_A, ADDRESS));
  }

  @Test
  void anonymousRequests_areLimitedPerAddress_andOtherAddressesGoOn() {
    RateLimiter l = limiter(100, 1);
    assertNull(send(l, null, ADDRESS));
    assertNull(send(l, null, ADDRESS));
    RateLimiter.Refusal refused = send(l, null, ADDRESS);
    assertNotNull(refused);
    assertEquals(RateLimiter.Limit.ADDRESS, refused.limit());
    assertNull(send(l, null, "198.51.100.1"));
  }

  @Test
  void requestRefusedByItsAddress_doesNotSpendItsTokensPermit() {
    RateLimiter l = limiter(1, 1);
    assertNull(send(l, null, ADDRESS));
    assertNull(send(l, null, ADDRESS));
    for (int i = 0; i < 5; i++) {
      assertEquals(RateLimiter.Limit.ADDRESS, send(l, TOKEN_A, ADDRESS).limit());
    }
    // the token still has its whole burst from another address
    assertNull(send(l, TOKEN_A, "198.51.100.1"));
    assertNull(send(l, TOKEN_A, "198.51.100.2"));
    assertEquals(RateLimiter.Limit.TOKEN, send(l, TOKEN_A, "198.51.100.3").limit());
  }

  @Test
  void zero_turnsEachLimitOff() {
    RateLimiter off = limiter(0, 0);
    RateLimiter tokenOnly = limiter(1, 0);
    for (int i = 0; i < 1000; i++) {
      assertNull(send(off, TOKEN_A, ADDRESS));
      assertNull(send(tokenOnly, null, ADDRESS));
    }
    assertArrayEquals(new int[] {0, 0}, off.sizes());
  }

  @Test
  void retryAfter_isWholeSecondsRoundedUp_andAtLeastOne() {
    assertEquals(1, new RateLimiter.Refusal(RateLimiter.Limit.TOKEN, 1).retryAfterSeconds());
    assertEquals(1, new RateLimiter.Refusal(RateLimiter.Limit.TOKEN, SECOND).retryAfterSeconds());
    assertEquals(
        2, new RateLimiter.Refusal(RateLimiter.Limit.TOKEN, SECOND + 1).retryAfterSeconds());
  }

  @Test
  void manyAddresses_neverGrowTheMapPastItsBound() {
    RateLimiter l = limiter(0, 1);
    for (int i = 0; i < RateLimiter.MAX_KEYS * 2 + 10; i++) {
      send(l, null, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
    }
    assertTrue(l.sizes()[1] <= RateLimiter.MAX_KEYS, "buckets: " + l.sizes()[1]);
  }

  @Test
  void idleAddresses_areForgottenOnceTheirBucketsHaveRefilled() {
    RateLimiter l = limiter(0, 10);
    for (int i = 0; i < 50; i++) {
      send(l, null, "192.0.2." + i);
    }
    assertEquals(50, l.sizes()[1]);
    clock.addAndGet(61 * SECOND);
    send(l, null, "198.51.100.9");
    assertEquals(1, l.sizes()[1]);
  }

  @Test
  void ipv6Clients_shareOneBucketPerSlash64() {
    assertArrayEquals(
        ClientKey.network("2001:db8:1:2::1"), ClientKey.network("2001:db8:1:2:ffff::9"));
    assertFalse(
        java.util.Arrays.equals(
            ClientKey.network("2001:db8:1:2::1"), ClientKey.network("2001:db8:1:3::1")));
    assertArrayEquals(ClientKey.network("192.0.2.1"), ClientKey.network("::ffff:192.0.2.1"));
    RateLimiter l = limiter(0, 1);
    send(l, null, "2001:db8:1:2::1");
    send(l, null, "2001:db8:1:2::2");
    assertNotNull(send(l, null, "2001:db8:1:2::3"));
  }

  @Test
  void keys_areSaltedPerProcess_andTellClientsApart() {
    ClientKey.Factory keys = new ClientKey.Factory();
    assertEquals(keys.address(ADDRESS), keys.address(ADDRESS));
    assertFalse(keys.address(ADDRESS).equals(new ClientKey.Factory().address(ADDRESS)));
    assertFalse(keys.token(TOKEN_A).equals(keys.token(TOKEN_B)));
  }

  @Test
  void health_isExempt_otherPathsAreNot() {
    assertTrue(RateLimiter.exempt("/health"));
    assertTrue(RateLimiter.exempt("/health/"));
    assertFalse(RateLimiter.exempt("/healthz"));
    assertFalse(RateLimiter.exempt("/ingest"));
  }
}
