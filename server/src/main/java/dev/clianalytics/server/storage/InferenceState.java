package dev.clianalytics.server.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * Where inference stopped: events with seq at most {@code lastSeq} are reflected in the derived
 * tables, computed at {@code horizon} (null before the first run) with settings summarized by
 * {@code fingerprint}. {@code generation} grows with every committed inference, so a reader can
 * tell whether anything changed.
 */
public record InferenceState(long lastSeq, Instant horizon, String fingerprint, long generation) {
  public InferenceState {
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (lastSeq < 0 || generation < 0) {
      throw new IllegalArgumentException(
          "lastSeq and generation must be >= 0, were " + lastSeq + " and " + generation);
    }
  }
}
