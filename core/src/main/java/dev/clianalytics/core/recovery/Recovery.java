package dev.clianalytics.core.recovery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happens after a command fails (docs/reports.md): {@code nextCommands} counts what the same
 * actor ran next in the session (most frequent first), {@code recoveredShare} is the share of
 * failures followed by a success of the same command within the session, and {@code
 * medianRecoveryMs} the median time to that success (null when none recovered).
 */
public record Recovery(
    String command,
    long failures,
    long actors,
    Map<String, Long> nextCommands,
    double recoveredShare,
    Long medianRecoveryMs) {
  public Recovery {
    nextCommands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nextCommands));
  }

  /** The "next command" of a failure that ended its session. */
  public static final String SESSION_ENDED = "(session ended)";
}
