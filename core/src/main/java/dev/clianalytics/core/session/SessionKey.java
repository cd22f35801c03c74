package dev.clianalytics.core.session;

import java.util.Objects;

/** The key sessions are formed under: the (hashed) actor and the (hashed, optional) hint. */
public record SessionKey(String actorId, String sessionHint) {
  public SessionKey {
    Objects.requireNonNull(actorId, "actorId");
  }
}
