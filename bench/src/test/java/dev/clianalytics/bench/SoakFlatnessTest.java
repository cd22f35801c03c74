package dev.clianalytics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's "heap flat" verdict (docs/server.md, Soak): a robust trend and the last readings. */
class SoakFlatnessTest {
  /** Readings taken right at the ten minute marks. */
  private static final List<Double> MARKS =
      List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);

  @Test
  void noisyButLevelHeap_isFlat() {
    SoakBench.Flatness f =
        SoakBench.Flatness.of(MARKS, List.of(9.2, 8.9, 9.3, 9.0, 9.1, 8.8, 9.4, 9.0, 9.1, 9.2));
    assertEquals(9.1, f.medianMb(), 1e-9);
    assertEquals(1.0, f.toleranceMb(), 1e-9);
    assertTrue(f.flat(), f.toString());
  }

  @Test
  void steadyGrowth_isNotFlat_evenWhenEachStepIsSmall() {
    // 0.2 MB a minute: 1.8 MB over ten minutes, beyond the 1 MB tolerance
    SoakBench.Flatness f =
        SoakBench.Flatness.of(
            MARKS, List.of(9.0, 9.2, 9.4, 9.6, 9.8, 10.0, 10.2, 10.4, 10.6, 10.8));
    assertEquals(0.2, f.slopeMbPerMinute(), 1e-9);
    assertEquals(1.8, f.growthMb(), 1e-9);
    assertFalse(f.flat(), f.toString());
  }

  @Test
  void oneReadingThatCaughtARequestsWorkingSet_doesNotTiltTheLine() {
    // the last reading caught a report being rendered: one outlier is not growth
    SoakBench.Flatness f =
        SoakBench.Flatness.of(MARKS, List.of(9.0, 9.1, 9.0, 9.2, 9.0, 9.1, 9.0, 9.1, 9.0, 13.5));
    assertTrue(f.growthMb() < 0.5, f.toString());
    assertEquals(9.1, f.lastMedianMb(), 1e-9);
    assertTrue(f.flat(), f.toString());
  }

  @Test
  void heapEndingHigher_isNotFlat_evenWhenTheLineStaysLevel() {
    // a step in the last three minutes: most pairs of readings still see no growth
    SoakBench.Flatness f =
        SoakBench.Flatness.of(MARKS, List.of(9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 12.0, 12.0, 12.0));
    assertEquals(0, f.growthMb(), 1e-9);
    assertEquals(12.0, f.lastMedianMb(), 1e-9);
    assertFalse(f.flat(), f.toString());
  }

  @Test
  void readingsDelayedIntoOnePause_areFittedAtTheirOwnTimes() {
    // minutes 3 to 8 all read at 8.5 min, after one long inference; 0.2 MB a minute is 1.8 MB over
    // the run (placed at minutes 1 to 10 instead, the same readings would fit 0.06 MB a minute)
    List<Double> at = List.of(1.0, 2.0, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 9.0, 10.0);
    List<Double> mb = at.stream().map(t -> 9.0 + 0.2 * t).toList();
    SoakBench.Flatness f = SoakBench.Flatness.of(at, mb);
    assertEquals(0.2, f.slopeMbPerMinute(), 1e-9);
    assertEquals(1.8, f.growthMb(), 1e-9);
    assertFalse(f.flat(), f.toString());
  }

  @Test
  void toleranceIsTenPercentOfTheMedianAboveTenMegabytes() {
    SoakBench.Flatness f =
        SoakBench.Flatness.of(
            List.of(1.0, 2.0, 3.0, 4.0, 5.0), List.of(40.0, 41.0, 40.0, 42.0, 41.0));
    assertEquals(4.1, f.toleranceMb(), 1e-9);
    assertTrue(f.flat(), f.toString());
  }
}
