package dev.clianalytics.server.inference;

import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of the settings stored rows depend on (session timeout, path depth, catalog). When it
 * differs from the stored one, the next inference recomputes everything instead of mixing rows
 * computed under two settings.
 */
final class Fingerprint {
  private Fingerprint() {}

  static String of(InferenceOptions options) {
    String material =
        options.sessionTimeout()
            + "|"
            + options.pathDepth()
            + "|"
            + Json.write(options.catalog().toJson());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
