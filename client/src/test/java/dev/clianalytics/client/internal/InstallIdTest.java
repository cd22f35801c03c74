package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
}
