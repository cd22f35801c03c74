package dev.clianalytics.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns raw key/value strings into a {@link ServerConfig}, one key at a time. */
final class ConfigLoader {
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  private static final Set<String> SECRETS =
      Set.of("DATABASE_URL", "HASH_SALT", "INGEST_TOKENS", "READ_TOKENS", "ADMIN_TOKEN");

  private final Map<String, String> values;

  private ConfigLoader(Map<String, String> values) {
    this.values = values;
  }

  static ServerConfig load(Map<String, String> env, Map<String, String> dotEnv) {
    Map<String, String> merged = new HashMap<>(dotEnv);
    merged.putAll(env);
    return new ConfigLoader(merged).build();
  }

  private ServerConfig build() {
    String databaseUrl = databaseUrl();
    Path dataDir = Path.of(string("DATA_DIR", "./data"));
    String salt = HashSalts.resolve(get("HASH_SALT"), databaseUrl == null, dataDir);
    return new ServerConfig(
        databaseUrl,
        dataDir,
        salt,
        (int) integer("PORT", 8000, 0, 65535),
        logLevel(),
        tokens("INGEST_TOKENS"),
        tokens("READ_TOKENS"),
        tokens("ADMIN_TOKEN"),
        bool("ALLOW_ANONYMOUS_INGEST"),
        integer("MAX_BODY_BYTES", ServerConfig.DEFAULT_MAX_BODY_BYTES, 1024, 1L << 30),
        duration("SESSION_TIMEOUT", Duration.ofMinutes(30), false),
        duration("INFER_INTERVAL", Duration.ofSeconds(60), true),
        path("WORKFLOWS_FILE"),
        (int) integer("AUTO_WORKFLOW_MIN_RUNS", 5, 1, 1_000_000),
        string("NSM_COMMAND", "ai-do"),
        (int) integer("MIN_ACTORS", 1, 1, 1_000_000),
        (int) integer("RETENTION_DAYS", 395, 0, 36_500),
        rate("RATE_LIMIT_PER_TOKEN", ServerConfig.DEFAULT_RATE_LIMIT_PER_TOKEN),
        rate("RATE_LIMIT_PER_ADDRESS", ServerConfig.DEFAULT_RATE_LIMIT_PER_ADDRESS),
        path("POSTHOG_MAPPING_FILE"));
  }

  private String get(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private String string(String key, String fallback) {
    String v = get(key);
    return v == null ? fallback : v;
  }

  private String databaseUrl() {
    String v = get("DATABASE_URL");
    if (v == null) {
      return null;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("postgresql://")
        || lower.startsWith("postgres://")
        || lower.startsWith("jdbc:postgresql:")) {
      return v;
    }
    throw bad(
        "DATABASE_URL",
        "must be a postgresql://user:pass@host:port/db URI or a jdbc:postgresql: URL",
        "fix it, or unset it to use the embedded database");
  }

  private String logLevel() {
    String v = string("LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(v)) {
      throw bad("LOG_LEVEL", "must be one of TRACE, DEBUG, INFO, WARN, ERROR", "fix LOG_LEVEL");
    }
    return v;
  }

  private List<String> tokens(String key) {
    String v = get(key);
    if (v == null) {
      return List.of();
    }
    List<String> tokens = Arrays.stream(v.split(",", -1)).map(String::strip).toList();
    for (String t : tokens) {
      if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
        throw bad(key, "has an empty entry or one with spaces", "list tokens separated by commas");
      }
    }
    return tokens;
  }

  private boolean bool(String key) {
    String v = get(key);
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      case "0", "false", "no", "off" -> false;
      default -> throw bad(key, "must be true or false", "set " + key + "=true or false");
    };
  }

  private long integer(String key, long fallback, long min, long max) {
    String v = get(key);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw bad(key, "must be an integer from " + min + " to " + max, "fix " + key);
  }

  /** Requests per second, 0 for no limit. */
  private int rate(String key, int fallback) {
    String v = get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 0 && n <= ServerConfig.MAX_RATE_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw bad(
        key,
        "must be a whole number of requests per second from 0 (off) to "
            + ServerConfig.MAX_RATE_LIMIT,
        "fix " + key);
  }

  private Duration duration(String key, Duration fallback, boolean zeroAllowed) {
    String v = get(key);
    if (v == null) {
      return fallback;
    }
    Duration d = Durations.parse(v);
    if (d == null || (!zeroAllowed && d.isZero())) {
      throw bad(
          key,
          "must be a duration such as 30m, 60s or 1h" + (zeroAllowed ? " (0 turns it off)" : ""),
          "fix " + key);
    }
    return d;
  }

  private Path path(String key) {
    String v = get(key);
    if (v == null) {
      return null;
    }
    Path p = Path.of(v);
    if (!Files.isReadable(p)) {
      throw bad(
          key, "names a file that does not exist or cannot be read", "fix the path or unset it");
    }
    return p;
  }

  /** One line naming the key, the problem and the fix; secret values are never echoed. */
  private ConfigException bad(String key, String problem, String fix) {
    String shown = SECRETS.contains(key) ? "" : ", was '" + values.get(key) + "'";
    return new ConfigException(key + " " + problem + shown + "; " + fix);
  }
}
