package dev.clianalytics.client.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Random ids from the operating system's generator. Reads {@code /dev/urandom} directly where it
 * exists because the first {@link SecureRandom} of a JVM initializes the security providers, which
 * costs a short-lived tool tens of milliseconds; elsewhere (Windows) falls back to it.
 */
final class RandomIds {
  private static final String URANDOM = "/dev/urandom";

  private RandomIds() {}

  /** A random (version 4) UUID. */
  static UUID uuid() {
    byte[] b = bytes(16);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  /** {@code n} random bytes as lowercase hex. */
  static String hex(int n) {
    return HexFormat.of().formatHex(bytes(n));
  }

  /**
   * A fresh name next to {@code file} for write-then-rename; unlike {@code Files.createTempFile} it
   * needs no {@link SecureRandom}. Callers create it with {@code CREATE_NEW}.
   */
  static Path tempSibling(Path file) {
    return file.resolveSibling(file.getFileName() + "." + hex(8) + ".tmp");
  }

  private static byte[] bytes(int n) {
    byte[] out = new byte[n];
    try (InputStream in = new FileInputStream(URANDOM)) {
      if (in.readNBytes(out, 0, n) == n) {
        return out;
      }
    } catch (IOException | SecurityException e) {
      // No /dev/urandom here: use the JDK's generator.
    }
    new SecureRandom().nextBytes(out);
    return out;
  }
}
