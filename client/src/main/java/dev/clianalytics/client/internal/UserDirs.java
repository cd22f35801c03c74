package dev.clianalytics.client.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the SDK keeps its two files: the install id (config directory) and the spool (cache
 * directory). {@code XDG_CONFIG_HOME}/{@code XDG_CACHE_HOME} win on every platform; otherwise the
 * platform's usual place: {@code ~/.config} and {@code ~/.cache} on Linux, {@code ~/Library/...} on
 * macOS, {@code %APPDATA%} and {@code %LOCALAPPDATA%} on Windows.
 */
public record UserDirs(Path config, Path cache) {
  static final String APP = "cli-analytics";

  static UserDirs resolve(Map<String, String> env, String osName, String userHome) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    Path home = Path.of(firstSet(env.get("HOME"), env.get("USERPROFILE"), userHome, "."));
    Path config;
    Path cache;
    if (os.startsWith("windows")) {
      config = pathOr(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
      cache = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
    } else if (os.startsWith("mac")) {
      config = home.resolve("Library").resolve("Application Support");
      cache = home.resolve("Library").resolve("Caches");
    } else {
      config = home.resolve(".config");
      cache = home.resolve(".cache");
    }
    config = pathOr(env.get("XDG_CONFIG_HOME"), config);
    cache = pathOr(env.get("XDG_CACHE_HOME"), cache);
    return new UserDirs(config.resolve(APP), cache.resolve(APP));
  }

  private static Path pathOr(String value, Path fallback) {
    return value == null || value.isBlank() ? fallback : Path.of(value);
  }

  private static String firstSet(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return ".";
  }
}
