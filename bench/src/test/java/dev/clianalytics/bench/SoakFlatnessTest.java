package dev.clianalytics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's "heap flat" verdict (docs/server.md, Soak): a fitted line and the last reading. */
class SoakFlatnessTest {
  @Test
  void noisyButLevelHeap_isFlat() {
    SoakBench.Flatness f =
        SoakBench.Flatness.of(List.of(9.2, 8.9, 9.3, 9.0, 9.1, 8.8, 9.4, 9.0, 9.1, 9.2));
    assertEquals(9.1, f.medianMb(), 1e-9);
    assertEquals(1.0, f.toleranceMb(), 1e-9);
    assertTrue(f.flat(), f.toString());
  }

  @Test
  void steadyGrowth_isNotFlat_evenWhenEachStepIsSmall() {
    // 0.2 MB a minute: 1.8 MB over ten minutes, beyond the 1 MB tolerance
    SoakBench.Flatness f =
        SoakBench.Flatness.of(List.of(9.0, 9.2, 9.4, 9.6, 9.8, 10.0, 10.2, 10.4, 10.6, 10.8));
    assertEquals(0.2, f.slopeMbPerMinute(), 1e-9);
    assertEquals(1.8, f.growthMb(), 1e-9);
    assertFalse(f.flat(), f.toString());
  }

  @Test
  void lastMinuteFarAboveTheMedian_isNotFlat() {
    // symmetric, so the fitted line is level: only the last reading says no
    SoakBench.Flatness f =
        SoakBench.Flatness.of(List.of(14.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 14.0));
    assertEquals(0, f.growthMb(), 1e-9);
    assertFalse(f.flat(), f.toString());
  }

  @Test
  void toleranceIsTenPercentOfTheMedianAboveTenMegabytes() {
    SoakBench.Flatness f = SoakBench.Flatness.of(List.of(40.0, 41.0, 40.0, 42.0, 41.0));
    assertEquals(4.1, f.toleranceMb(), 1e-9);
    assertTrue(f.flat(), f.toString());
  }
}
