package dev.clianalytics.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hashes identifiers: SHA-256 on the client, then HMAC-SHA256 with the salt on the server. */
final class Identifiers {
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec key;

  private Identifiers(SecretKeySpec key) {
    this.key = key;
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
    String hashed = sha256Form(raw);
    if (key == null) {
      return hashed;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HEX.formatHex(mac.doFinal(hashed.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  static String sha256Form(String raw) {
    if (isSha256Hex(raw)) {
      return raw;
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HEX.formatHex(digest.digest(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
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
