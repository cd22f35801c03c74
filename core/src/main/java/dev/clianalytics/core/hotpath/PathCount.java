package dev.clianalytics.core.hotpath;

import java.util.Objects;

/**
 * One session's contribution to a path: the command sequence (full command paths joined by {@code "
 * > "}, without the failure mark), the session's actor, how often the sequence ended in a failing
 * event and how often it occurred at all. Contributions of many sessions merge by summing counts
 * per sequence and counting distinct actors, so a store can keep them per session.
 */
public record PathCount(String sequence, String actorId, long failures, long occurrences) {
  public PathCount {
    Objects.requireNonNull(sequence, "sequence");
    Objects.requireNonNull(actorId, "actorId");
    if (failures < 0 || occurrences < failures) {
      throw new IllegalArgumentException(
          "need 0 <= failures <= occurrences, was " + failures + " of " + occurrences);
    }
  }
}
