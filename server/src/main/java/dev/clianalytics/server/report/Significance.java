package dev.clianalytics.server.report;

/** Wilson score intervals and a one-sided two-proportion z-test, for version comparisons. */
final class Significance {
  /** The 97.5th percentile of the standard normal: a two-sided 95% interval. */
  static final double Z95 = 1.959963984540054;

  private Significance() {}

  /** The Wilson 95% interval of {@code successes / n} as {low, high}; null when n is 0. */
  static double[] wilson(long successes, long n) {
    if (n == 0) {
      return null;
    }
    double p = (double) successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denominator;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  /**
   * The one-sided p-value that the second rate is lower than the first (pooled two-proportion
   * z-test); 1.0 when the pooled rate is 0 or 1, where no difference can be shown.
   */
  static double pDrop(long s1, long n1, long s2, long n2) {
    double p1 = (double) s1 / n1;
    double p2 = (double) s2 / n2;
    double pooled = (double) (s1 + s2) / (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    if (se == 0) {
      return 1.0;
    }
    return 1 - normalCdf((p1 - p2) / se);
  }

  /** The standard normal CDF (Abramowitz and Stegun 7.1.26 via erf; error below 1.5e-7). */
  static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf =
        1
            - t
                * (0.254829592
                    + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
