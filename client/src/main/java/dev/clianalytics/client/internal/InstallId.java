package dev.clianalytics.client.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The random install id used as {@code actor_id}: 256 random bits as 64 lowercase hex characters,
 * kept in {@code <config>/install-id} and made on first use. It is never derived from the user
 * name, e-mail or host. Being already in the SHA-256 form of docs/privacy.md, it is sent as it is
 * (no digest needed), and the server's erasure accepts the same string. When the file cannot be
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
      String fresh = RandomIds.hex(32);
      Path tmp = RandomIds.tempSibling(file);
      try {
        Files.writeString(tmp, fresh + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
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
      return RandomIds.hex(32);
    }
  }

  /**
   * The id kept in {@code file}, or null when there is none. Read through a {@link
   * FileInputStream}: {@code Files.readString} opens a {@code FileChannel}, whose classes a
   * short-lived tool would load for these 65 bytes only.
   */
  static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = new FileInputStream(file.toFile())) {
      bytes = in.readAllBytes();
    }
    String id = ascii(bytes);
    if (id == null) {
      // Anything but ASCII: decoded strictly, as Files.readString does (malformed text throws).
      id = Files.readString(file, StandardCharsets.UTF_8);
    }
    id = id.trim();
    return id.isEmpty() || id.length() > 128 ? null : id;
  }

  /** The bytes as text when they are all ASCII (then UTF-8 and Latin-1 agree), else null. */
  private static String ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return null;
      }
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
