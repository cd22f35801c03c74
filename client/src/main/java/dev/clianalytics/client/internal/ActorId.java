package dev.clianalytics.client.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code actor_id} a tool sends: HMAC-SHA256 of the tool name (trimmed, lower case) keyed with
 * the install secret, as 64 lowercase hex characters. Each tool on a machine gets its own id, and
 * ids of two tools cannot be joined without the secret, which never leaves the machine
 * (docs/privacy.md). Computed on the priming thread, so the JDK's crypto set-up stays off the
 * tool's path.
 */
final class ActorId {
  private ActorId() {}

  /** The id of {@code toolName} for {@code installSecret}; a fresh random id if HMAC fails. */
  static String forTool(String installSecret, String toolName) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(installSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(toolName.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Never the secret itself: a one-off id costs session continuity, not privacy.
      return RandomIds.hex(32);
    }
  }
}
