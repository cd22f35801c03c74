package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallIdTest {
  @TempDir Path dir;

  @Test
  void load_twice_returnsTheSameRandomHexIdKeptInTheConfigDirectory() throws IOException {
    Path config = dir.resolve("cli-analytics");
    String first = InstallId.load(config);
    assertEquals(first, InstallId.load(config));
    assertTrue(first.matches("[0-9a-f]{64}"), first);
    assertEquals(first, Files.readString(config.resolve("install-id")).trim());
  }

  @Test
  void load_neverUsesTheUserName() {
    String id = InstallId.load(dir.resolve("cli-analytics"));
    assertFalse(id.contains(System.getProperty("user.name")));
  }

  @Test
  void load_unwritableDirectory_fallsBackToAFreshIdPerCall() throws IOException {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "not a directory");
    assertNotEquals(InstallId.load(blocker.resolve("x")), InstallId.load(blocker.resolve("x")));
  }

  @Test
  void read_trimsTheStoredIdAndRefusesEmptyOrOverlongContent() throws IOException {
    Path file = dir.resolve("install-id");
    Files.writeString(file, "  \tabc123\r\n\n");
    assertEquals("abc123", InstallId.read(file));
    Files.writeString(file, " \n ");
    assertNull(InstallId.read(file));
    Files.writeString(file, "a".repeat(129));
    assertNull(InstallId.read(file));
    Files.writeString(file, "a".repeat(128) + "\n".repeat(5000));
    assertEquals("a".repeat(128), InstallId.read(file));
    assertNull(InstallId.read(dir.resolve("missing")));
  }

  @Test
  void read_nonAsciiContent_isDecodedStrictlyAsUtf8() throws IOException {
    Path file = dir.resolve("install-id");
    Files.writeString(file, "id-\u00e9\n", StandardCharsets.UTF_8);
    assertEquals("id-\u00e9", InstallId.read(file));
    Files.write(file, new byte[] {'a', (byte) 0xff, 'b'});
    assertThrows(MalformedInputException.class, () -> InstallId.read(file));
  }

  @Test
  void load_malformedFile_givesAFreshIdWithoutOverwritingIt() throws IOException {
    Path config = dir.resolve("cli-analytics");
    Files.createDirectories(config);
    byte[] malformed = {'a', (byte) 0xff, 'b'};
    Files.write(config.resolve("install-id"), malformed);
    String id = InstallId.load(config);
    assertTrue(id.matches("[0-9a-f]{64}"), id);
    assertNotEquals(id, InstallId.load(config));
    assertEquals(3, Files.readAllBytes(config.resolve("install-id")).length);
  }
}
