package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each scanning entry point of the privacy rules counts the characters it is given
 * (docs/privacy.md, "How the rules are checked"): the linear-time test bounds these counts, so a
 * scan that stopped counting would let a quadratic rule through unseen. The inputs are chosen so
 * that nothing else called on the way counts as much as the entry point itself.
 */
class StepsTest {
  @BeforeAll
  static void counting() {
    assertTrue(Steps.ON, "run with -Dclianalytics.privacy.countSteps=true (core's pom sets it)");
  }

  private static long steps(Supplier<?> scan) {
    Steps.reset();
    scan.get();
    return Steps.count();
  }

  private static void atLeast(long expected, Supplier<?> scan) {
    long counted = steps(scan);
    assertTrue(counted >= expected, "counted " + counted + ", expected at least " + expected);
  }

  @Test
  void secretNamesAndFlags_countTheirLength() {
    atLeast(50, () -> SecretNames.isSecret("q".repeat(50), true));
    atLeast(50, () -> SecretNames.isBlockedFlag("--" + "q".repeat(48)));
  }

  @Test
  void blocksPiecesPathsAndUrls_countTheirLength() {
    atLeast(50, () -> Blocks.redact("(".repeat(50)));
    atLeast(50, () -> Pieces.redact(".".repeat(50)));
    atLeast(50, () -> Paths.isPath("x".repeat(50)));
    atLeast(50, () -> Urls.url("https://" + "-".repeat(42), 0, 5));
    atLeast(50, () -> Urls.atSign("a@" + "-".repeat(48), 1, new WordRedactor()));
  }

  @Test
  void messages_countEveryCharacter_separatorsToo() {
    atLeast(100, () -> MessageRedactor.redact("a" + " ".repeat(98) + "b"));
    atLeast(100, () -> MessageRedactor.redact("(".repeat(100)));
  }

  @Test
  void looksRandom_countsExactlyItsRange() {
    String s = "." + "x".repeat(50);
    assertEquals(20, steps(() -> Shapes.looksRandom(s, 10, 30)));
    assertEquals(3, steps(() -> Shapes.looksRandom(s, 40, 43)));
  }
}
