package dev.clianalytics.core.session;

import dev.clianalytics.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Session ids: the first 128 bits of SHA-256 over actor, hint, first event time and first event id,
 * in lowercase hex. A session's first event never changes when it is recomputed from the same
 * events, so neither does its id.
 */
public final class SessionIds {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(SessionIds::sha256);

  private SessionIds() {}

  /** The id of the session of this key that starts with {@code first}. */
  public static String of(String actorId, String sessionHint, Event first) {
    String material =
        actorId
            + '\u0000'
            + Objects.toString(sessionHint, "")
            + '\u0000'
            + first.timestamp().getEpochSecond()
            + '.'
            + first.timestamp().getNano()
            + '\u0000'
            + Objects.toString(first.eventId(), "");
    byte[] digest = SHA256.get().digest(material.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
