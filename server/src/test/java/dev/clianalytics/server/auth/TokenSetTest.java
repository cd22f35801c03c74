package dev.clianalytics.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of token comparison (docs/server.md: constant time), checked structurally rather than
 * by timing: every configured token is compared on every call, always as two 32-byte digests, so
 * neither a token's length nor its position in the list changes the work done.
 */
class TokenSetTest {
  private static final List<String> TOKENS = List.of("first-token", "second", "third-and-longest");

  /** Records every comparison, then answers as {@link MessageDigest#isEqual} would. */
  private static final class Recorder implements TokenSet.Equality {
    final List<int[]> lengths = new ArrayList<>();

    @Override
    public boolean equal(byte[] configured, byte[] presented) {
      lengths.add(new int[] {configured.length, presented.length});
      return MessageDigest.isEqual(configured, presented);
    }
  }

  @Test
  void matches_comparesEveryConfiguredToken_whereverTheMatchIs() {
    for (String presented : List.of("first-token", "third-and-longest", "unknown", "")) {
      Recorder recorder = new Recorder();
      boolean found = new TokenSet(TOKENS, recorder).matches(TokenSet.digest(presented));
      assertEquals(TOKENS.contains(presented), found, presented);
      assertEquals(TOKENS.size(), recorder.lengths.size(), "comparisons for '" + presented + "'");
    }
  }

  @Test
  void matches_onlyEverComparesEqualLengthDigests() {
    Recorder recorder = new Recorder();
    TokenSet set = new TokenSet(TOKENS, recorder);
    for (String presented : List.of("x", "second", "y".repeat(10_000), "ünïcödé")) {
      set.matches(TokenSet.digest(presented));
    }
    assertEquals(4 * TOKENS.size(), recorder.lengths.size());
    for (int[] pair : recorder.lengths) {
      assertEquals(32, pair[0]);
      assertEquals(32, pair[1]);
    }
  }

  @Test
  void defaultComparison_acceptsTheSameTokenAndRefusesAnyOther() {
    TokenSet set = new TokenSet(TOKENS);
    assertTrue(set.matches(TokenSet.digest(new String("second".toCharArray()))));
    assertFalse(set.matches(TokenSet.digest("second ")));
    assertFalse(set.matches(TokenSet.digest("SECOND")));
    assertFalse(new TokenSet(List.of()).matches(TokenSet.digest("")));
  }
}
