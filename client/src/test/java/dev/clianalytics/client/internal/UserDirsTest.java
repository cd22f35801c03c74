package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirsTest {
  @Test
  void resolve_linuxWithoutXdg_usesDotConfigAndDotCache() {
    UserDirs d = UserDirs.resolve(Map.of("HOME", "/home/ada"), "Linux", "/ignored");
    assertEquals(Path.of("/home/ada/.config/cli-analytics"), d.config());
    assertEquals(Path.of("/home/ada/.cache/cli-analytics"), d.cache());
  }

  @Test
  void resolve_xdgVariables_winOnEveryPlatform() {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", "/x/conf", "XDG_CACHE_HOME", "/x/cache");
    UserDirs d = UserDirs.resolve(env, "Mac OS X", "/Users/ada");
    assertEquals(Path.of("/x/conf/cli-analytics"), d.config());
    assertEquals(Path.of("/x/cache/cli-analytics"), d.cache());
  }

  @Test
  void resolve_macos_usesLibraryFolders() {
    UserDirs d = UserDirs.resolve(Map.of(), "Mac OS X", "/Users/ada");
    assertEquals(Path.of("/Users/ada/Library/Application Support/cli-analytics"), d.config());
    assertEquals(Path.of("/Users/ada/Library/Caches/cli-analytics"), d.cache());
  }

  @Test
  void resolve_windows_usesAppDataFolders() {
    Map<String, String> env = Map.of("APPDATA", "/w/Roaming", "LOCALAPPDATA", "/w/Local");
    UserDirs d = UserDirs.resolve(env, "Windows 11", "/w");
    assertEquals(Path.of("/w/Roaming/cli-analytics"), d.config());
    assertEquals(Path.of("/w/Local/cli-analytics"), d.cache());
  }
}
