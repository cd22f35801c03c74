package dev.clianalytics.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hashes identifiers: SHA-256 on the client, then HMAC-SHA256 with the salt on the server. */
final class Identifiers {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * Looking up a MessageDigest or Mac costs about as much as hashing a short id, and neither is
   * thread-safe: idle instances wait in a queue for the next caller. Not thread-locals: the server
   * runs each request on a new virtual thread, which would set one up again in every request
   * (docs/server.md, Performance). In a holder so that the client, whose ids are already in SHA-256
   * form, never pays for the queue and security provider start-up.
   */
  private static final class Sha256 {
    static final Queue<MessageDigest> IDLE = new ConcurrentLinkedQueue<>();
  }

  /** Idle HMAC instances keyed with the salt; null on the client. */
  private final Queue<Mac> idleMacs;

  private final SecretKeySpec key;

  /**
   * The server's recent answers by input, direct-mapped: the same few actors and machines send most
   * events, and an HMAC costs more than the rest of an event's privacy rules. Entries are
   * immutable, so a racy slot read sees a whole entry or an older one; a miss just hashes again.
   */
  private final Entry[] recent;

  private record Entry(String raw, String normalized) {}

  static final int RECENT = 4_096;

  private Identifiers(SecretKeySpec key) {
    this.key = key;
    this.recent = key == null ? null : new Entry[RECENT];
    this.idleMacs = key == null ? null : new ConcurrentLinkedQueue<>();
  }

  private interface Factory<T> {
    T create() throws GeneralSecurityException;
  }

  private static <T> T newInstance(Factory<T> factory) {
    try {
      return factory.create();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 / HmacSHA256 is not available in this JDK", e);
    }
  }

  static Identifiers sha256Only() {
    return new Identifiers(null);
  }

  static Identifiers hmac(String salt) {
    if (salt == null || salt.length() < 16) {
      throw new IllegalArgumentException("HASH_SALT must be at least 16 characters");
    }
    return new Identifiers(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
  }

  String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    if (key == null) {
      return sha256Form(raw);
    }
    int slot = raw.hashCode() & (RECENT - 1);
    Entry hit = recent[slot];
    if (hit != null && hit.raw().equals(raw)) {
      return hit.normalized();
    }
    String hashed = sha256Form(raw);
    Mac mac = idleMacs.poll();
    if (mac == null) {
      mac =
          newInstance(
              () -> {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
              });
    }
    String normalized;
    try {
      normalized = HEX.formatHex(mac.doFinal(hashed.getBytes(StandardCharsets.US_ASCII)));
    } finally {
      idleMacs.offer(mac);
    }
    recent[slot] = new Entry(raw, normalized);
    return normalized;
  }

  static String sha256Form(String raw) {
    if (isSha256Hex(raw)) {
      return raw;
    }
    MessageDigest digest = Sha256.IDLE.poll();
    if (digest == null) {
      digest = newInstance(() -> MessageDigest.getInstance("SHA-256"));
    }
    try {
      return HEX.formatHex(digest.digest(raw.getBytes(StandardCharsets.UTF_8)));
    } finally {
      Sha256.IDLE.offer(digest);
    }
  }

  static boolean isSha256Hex(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
