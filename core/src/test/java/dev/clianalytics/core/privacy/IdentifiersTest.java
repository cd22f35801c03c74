package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The server's memo of recent identifiers never changes what an identifier hashes to. */
class IdentifiersTest {
  private static final String SALT = "identifiers-test-salt-0123";

  @Test
  void normalize_manyMoreIdsThanTheMemoHolds_eachRepeatedOutOfOrder_givesTheHmacOfItsSha256()
      throws Exception {
    Identifiers ids = Identifiers.hmac(SALT);
    int distinct = Identifiers.RECENT * 3;
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < distinct; i++) {
        // rounds visit ids in different orders, so slots hold other ids when one comes back
        int n = round == 1 ? distinct - 1 - i : (i * 7919) % distinct;
        String raw = (n % 2 == 0 ? "user-" : "machine ") + n;
        assertEquals(expected(raw), ids.normalize(raw), raw);
      }
    }
  }

  @Test
  void normalize_fromManyThreadsAtOnce_neverMixesTwoHashes() throws Exception {
    // the HMAC and SHA-256 instances are shared between threads through a queue of idle ones
    Identifiers ids = Identifiers.hmac(SALT);
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int t = 0; t < 16; t++) {
        int thread = t;
        pool.submit(
            () -> {
              for (int i = 0; i < 2_000; i++) {
                String raw = "thread-" + thread + "-id-" + i;
                try {
                  if (!expected(raw).equals(ids.normalize(raw))) {
                    wrong.add(raw);
                  }
                } catch (Exception e) {
                  wrong.add(raw + ": " + e);
                }
              }
            });
      }
    } finally {
      pool.shutdown();
    }
    assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES));
    assertEquals(List.of(), wrong);
  }

  private static String expected(String raw) throws Exception {
    HexFormat hex = HexFormat.of();
    String sha =
        hex.formatHex(
            MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SALT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return hex.formatHex(mac.doFinal(sha.getBytes(StandardCharsets.US_ASCII)));
  }
}
