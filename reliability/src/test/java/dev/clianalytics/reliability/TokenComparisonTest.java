package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.auth.Authenticator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/server.md wants tokens compared in constant time. Timing is not measured here (that would be
 * flaky and prove little); instead the compiled auth classes are read: the comparison helper must
 * use {@link java.security.MessageDigest#isEqual} on digests, and neither it nor the authenticator
 * may call any comparison that stops at the first differing character or hashes the raw token into
 * a lookup. The server's {@code TokenSetTest} checks the rest of the shape: every configured token
 * compared on every call, always two 32-byte digests.
 */
class TokenComparisonTest {
  /** Comparisons that return early, or look the presented value up by its hash. */
  private static final Set<String> EARLY_EXIT =
      Set.of(
          "java/lang/String.equals",
          "java/lang/String.equalsIgnoreCase",
          "java/lang/String.contentEquals",
          "java/lang/String.compareTo",
          "java/lang/String.compareToIgnoreCase",
          "java/lang/String.hashCode",
          "java/lang/Object.equals",
          "java/util/Objects.equals",
          "java/util/Arrays.equals",
          "java/util/Arrays.mismatch",
          "java/nio/ByteBuffer.equals",
          "java/nio/ByteBuffer.mismatch");

  /** Collection lookups the token helper must not use (the authenticator uses EnumSets freely). */
  private static final Set<String> LOOKUPS =
      Set.of(
          "java/util/List.contains",
          "java/util/List.indexOf",
          "java/util/Set.contains",
          "java/util/Collection.contains",
          "java/util/Map.get",
          "java/util/Map.containsKey");

  private static Class<?> tokenSet() throws ClassNotFoundException {
    return Class.forName("dev.clianalytics.server.auth.TokenSet");
  }

  @Test
  void tokenHelper_comparesDigestsWithMessageDigestIsEqual() throws Exception {
    Set<String> called = ClassReferences.methodsCalledBy(tokenSet());
    assertTrue(called.contains("java/security/MessageDigest.isEqual"), called::toString);
    assertTrue(called.contains("java/security/MessageDigest.digest"), called::toString);
  }

  @Test
  void tokenHelper_neverUsesAnEarlyExitComparisonOrLookup() throws Exception {
    Set<String> either = new TreeSet<>(EARLY_EXIT);
    either.addAll(LOOKUPS);
    assertEquals(Set.of(), called(tokenSet(), either));
  }

  @Test
  void authenticator_neverComparesTokensItself() {
    assertEquals(Set.of(), called(Authenticator.class, EARLY_EXIT));
  }

  /** The check itself can fail: a class that compares with String.equals is caught. */
  @Test
  void scanner_findsAStringEqualsComparison() {
    assertEquals(
        Set.of("java/lang/String.equals", "java/util/Set.contains"),
        called(NaiveTokens.class, Set.of("java/lang/String.equals", "java/util/Set.contains")));
  }

  /** What the checks above must reject: a comparison that stops at the first difference. */
  private static final class NaiveTokens {
    private final Set<String> tokens = Set.of("t");

    boolean matches(String presented) {
      return tokens.contains(presented) || "admin".equals(presented);
    }
  }

  /** Which of {@code methods} the compiled {@code type} calls. */
  private static Set<String> called(Class<?> type, Set<String> methods) {
    Set<String> found = new TreeSet<>(ClassReferences.methodsCalledBy(type));
    found.retainAll(methods);
    return found;
  }
}
