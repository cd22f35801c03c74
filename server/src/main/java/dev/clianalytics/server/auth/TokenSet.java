package dev.clianalytics.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Configured tokens kept only as SHA-256 digests, so every comparison is between two 32-byte arrays
 * with {@link MessageDigest#isEqual} and takes the same time whatever the input.
 */
final class TokenSet {
  /** How two digests are compared; only tests pass anything but {@link MessageDigest#isEqual}. */
  interface Equality {
    boolean equal(byte[] configured, byte[] presented);
  }

  private final List<byte[]> digests;
  private final Equality equality;

  TokenSet(List<String> tokens) {
    this(tokens, MessageDigest::isEqual);
  }

  TokenSet(List<String> tokens, Equality equality) {
    this.digests = tokens.stream().map(TokenSet::digest).toList();
    this.equality = equality;
  }

  boolean isEmpty() {
    return digests.isEmpty();
  }

  /** True when {@code presented} matches one of the tokens; checks all of them every time. */
  boolean matches(byte[] presentedDigest) {
    boolean found = false;
    for (byte[] d : digests) {
      found |= equality.equal(d, presentedDigest);
    }
    return found;
  }

  static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }
}
