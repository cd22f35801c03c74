package dev.clianalytics.server.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The statistics behind the versions report (docs/reports.md), against reference values computed
 * independently (Python's {@code math.erf} for the normal CDF, the Wilson formula written out by
 * hand), so that a wrong sign, constant or term shows.
 */
class SignificanceTest {
  /** The approximation of the normal CDF is within 1.5e-7 of the exact value. */
  private static final double CDF = 2e-7;

  @Test
  void normalCdf_matchesTheExactValues() {
    assertEquals(0.5, Significance.normalCdf(0), CDF);
    assertEquals(0.8413447460685429, Significance.normalCdf(1), CDF);
    assertEquals(0.15865525393145707, Significance.normalCdf(-1), CDF);
    assertEquals(0.975, Significance.normalCdf(Significance.Z95), CDF);
    assertEquals(0.025, Significance.normalCdf(-Significance.Z95), CDF);
    assertEquals(0.9986501019683699, Significance.normalCdf(3), CDF);
    assertEquals(0.3085375387259869, Significance.normalCdf(-0.5), CDF);
  }

  @Test
  void wilson_isTheNinetyFivePercentScoreInterval_clampedToZeroAndOne() {
    assertNull(Significance.wilson(0, 0));
    assertArrayEquals(
        new double[] {0.49016247153664183, 0.9433178485456247}, Significance.wilson(8, 10), 1e-12);
    assertArrayEquals(
        new double[] {0.06149194472039621, 0.7923403991979522}, Significance.wilson(1, 3), 1e-12);
    assertArrayEquals(
        new double[] {0.7863976856252035, 0.9565242350681096}, Significance.wilson(45, 50), 1e-12);
    assertArrayEquals(new double[] {0.0, 0.2775327998628892}, Significance.wilson(0, 10), 1e-12);
    assertArrayEquals(new double[] {0.7224672001371107, 1.0}, Significance.wilson(10, 10), 1e-12);
  }

  @Test
  void pDrop_isTheOneSidedPooledTwoProportionTest() {
    assertEquals(4.816785043049165e-07, Significance.pDrop(20, 20, 5, 20), CDF);
    assertEquals(0.05123521742987469, Significance.pDrop(15, 20, 10, 20), CDF);
    assertEquals(0.026403755708056753, Significance.pDrop(30, 40, 10, 20), CDF);
    // no difference, and a rise: one-sided, so a rise is far from significant
    assertEquals(0.5, Significance.pDrop(10, 20, 10, 20), CDF);
    assertEquals(0.9487647825701253, Significance.pDrop(10, 20, 15, 20), CDF);
    // all successes or all failures on both sides: nothing can be shown
    assertEquals(1.0, Significance.pDrop(20, 20, 20, 20));
    assertEquals(1.0, Significance.pDrop(0, 20, 0, 20));
  }
}
