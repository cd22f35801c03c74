package dev.clianalytics.core.session;

import java.time.Instant;
import java.util.Objects;

/** What a store keeps about a computed session to plan incremental recomputation. */
public record SessionSpan(SessionKey key, String id, Instant start, Instant end, boolean open) {
  public SessionSpan {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(id, "id");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("session end " + end + " is before its start " + start);
    }
  }

  /** The span of a session. */
  public static SessionSpan of(Session session) {
    return new SessionSpan(
        session.key(), session.id(), session.start(), session.end(), session.open());
  }
}
