package dev.clianalytics.core.sample;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Which version of each tool an actor runs on a given day. The newest terraform release, 1.8.0, is
 * the planted regression: its {@code apply} fails far more often than 1.7.x.
 */
final class ToolVersions {
  static final String REGRESSED_TERRAFORM = "1.8.0";

  private static final Map<String, List<String>> VERSIONS =
      Map.of(
          "terraform", List.of("1.6.6", "1.7.5", REGRESSED_TERRAFORM),
          "kubectl", List.of("1.29.3", "1.30.1"),
          "npm", List.of("10.2.4", "10.5.0"),
          "git", List.of("2.43.0", "2.44.0"),
          "docker", List.of("25.0.3", "26.0.0"),
          "ai-do", List.of("0.9.2", "1.0.0", "1.1.0"));

  private final LocalDate start;
  private final int days;

  ToolVersions(LocalDate start, int days) {
    this.start = start;
    this.days = days;
  }

  /** Releases are spread evenly over the period; each actor upgrades after their own lag. */
  String versionOf(String tool, LocalDate day, int upgradeLagDays) {
    List<String> versions = VERSIONS.get(tool);
    long elapsed = day.toEpochDay() - start.toEpochDay() - upgradeLagDays;
    int index = (int) Math.floorDiv(elapsed * versions.size(), Math.max(days, 1));
    return versions.get(Math.max(0, Math.min(versions.size() - 1, index)));
  }
}
