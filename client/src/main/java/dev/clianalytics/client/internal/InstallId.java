package dev.clianalytics.client.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The random install id used as {@code actor_id}: a UUID kept in {@code <config>/install-id}, made
 * on first use. It is never derived from the user name, e-mail or host. When the file cannot be
 * read or written the run gets a fresh random id, which costs session continuity, not privacy.
 */
final class InstallId {
  static final String FILE = "install-id";

  private InstallId() {}

  static String load(Path configDir) {
    Path file = configDir.resolve(FILE);
    try {
      String existing = read(file);
      if (existing != null) {
        return existing;
      }
      Files.createDirectories(configDir);
      String fresh = UUID.randomUUID().toString();
      Path tmp = Files.createTempFile(configDir, FILE, ".tmp");
      try {
        Files.writeString(tmp, fresh + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file);
        return fresh;
      } catch (FileAlreadyExistsException raced) {
        // Another process created it first: both runs must share its id.
        String theirs = read(file);
        return theirs == null ? fresh : theirs;
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | RuntimeException e) {
      return UUID.randomUUID().toString();
    }
  }

  private static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String id = Files.readString(file, StandardCharsets.UTF_8).trim();
    return id.isEmpty() || id.length() > 128 ? null : id;
  }
}
