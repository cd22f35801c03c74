package dev.clianalytics.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The {@code actor_id} a tool sends: HMAC-SHA256 of the tool name (trimmed, lower case) keyed with
 * the install secret, as 64 lowercase hex characters. Each tool on a machine gets its own id, and
 * ids of two tools cannot be joined without the secret, which never leaves the machine
 * (docs/privacy.md).
 */
final class ActorId {
  private ActorId() {}

  /** The id of {@code toolName} for {@code installSecret}. */
  static String forTool(String installSecret, String toolName) {
    byte[] digest =
        Sha256.hmac(
            installSecret.getBytes(StandardCharsets.UTF_8),
            toolName.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}
