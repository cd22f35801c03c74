package dev.clianalytics.server.inference;

import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A digest of the settings stored rows depend on (session timeout, path depth, catalog) and of
 * {@link #DERIVED_TABLES}. When it differs from the stored one, the next inference recomputes
 * everything instead of mixing rows computed under two settings.
 */
final class Fingerprint {
  /**
   * The version of what the derived tables hold, raised by a release that adds or changes one (2:
   * {@code platform_counts}), so that the first inference after the upgrade fills it from the
   * stored events.
   */
  static final int DERIVED_TABLES = 2;

  private Fingerprint() {}

  static String of(InferenceOptions options) {
    return of(options, DERIVED_TABLES);
  }

  /** The fingerprint {@code options} had under version {@code derivedTables} of the tables. */
  static String of(InferenceOptions options, int derivedTables) {
    String material =
        options.sessionTimeout()
            + "|"
            + options.pathDepth()
            + "|"
            + Json.write(options.catalog().toJson())
            + "|"
            + derivedTables;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
