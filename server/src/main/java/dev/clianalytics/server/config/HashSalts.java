package dev.clianalytics.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Finds the HMAC key for identifiers: {@code HASH_SALT} when set; on PostgreSQL it is required, on
 * the embedded database one is generated once and kept in the data directory.
 */
final class HashSalts {
  static final String FILE_NAME = "hash-salt";

  private HashSalts() {}

  static String resolve(String configured, boolean embedded, Path dataDir) {
    if (configured != null) {
      return configured; // ServerConfig checks its length
    }
    if (!embedded) {
      throw new ConfigException(
          "HASH_SALT is required on PostgreSQL and ClickHouse; set a random value of at least "
              + ServerConfig.MIN_SALT_LENGTH
              + " characters, e.g. from `openssl rand -hex 32`, in the environment or .env");
    }
    return storedOrNew(dataDir.resolve(FILE_NAME));
  }

  private static String storedOrNew(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (stored.length() >= ServerConfig.MIN_SALT_LENGTH) {
          return stored;
        }
        throw new ConfigException(
            file
                + " holds a HASH_SALT shorter than "
                + ServerConfig.MIN_SALT_LENGTH
                + " characters; set HASH_SALT or restore it");
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String salt = HexFormat.of().formatHex(random);
      Files.writeString(file, salt + "\n", StandardCharsets.UTF_8);
      restrict(file);
      return salt;
    } catch (IOException e) {
      throw new ConfigException(
          "DATA_DIR "
              + file.getParent()
              + " is not writable ("
              + e.getClass().getSimpleName()
              + "); point DATA_DIR at a writable directory or set HASH_SALT");
    }
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system (Windows): the directory's own permissions apply
    }
  }
}
