package dev.clianalytics.core.recovery;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One session's contribution to the recovery of one failing command: its failures there, what ran
 * next after each ({@link Recovery#SESSION_ENDED} when nothing did), how many were followed by a
 * success of the same command in the session, and the milliseconds to each such success.
 */
public record RecoveryCount(
    String command,
    String actorId,
    long failures,
    Map<String, Long> nextCommands,
    long recovered,
    List<Long> recoveryMillis) {
  public RecoveryCount {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(actorId, "actorId");
    nextCommands = Map.copyOf(nextCommands);
    recoveryMillis = List.copyOf(recoveryMillis);
    if (recovered != recoveryMillis.size() || recovered > failures) {
      throw new IllegalArgumentException(
          "recovered (" + recovered + ") must equal the recovery times and not exceed failures");
    }
  }
}
