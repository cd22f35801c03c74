package dev.clianalytics.server.config;

import dev.clianalytics.server.storage.InferPartition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Turns raw key/value strings into a {@link ServerConfig}, one key at a time. */
final class ConfigLoader {
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
  private static final Set<String> SECRETS =
      Set.of("DATABASE_URL", "HASH_SALT", "INGEST_TOKENS", "READ_TOKENS", "ADMIN_TOKEN");

  private final Map<String, String> values;
  private final Set<String> read = new LinkedHashSet<>();

  private ConfigLoader(Map<String, String> values) {
    this.values = values;
  }

  static ServerConfig load(Map<String, String> env, Map<String, String> dotEnv) {
    Map<String, String> merged = new HashMap<>(dotEnv);
    merged.putAll(env);
    return new ConfigLoader(merged).build();
  }

  /**
   * The keys a load of {@code env} asks for, in order: every key the server reads, set or not,
   * which is what docs/configuration.md is checked against.
   */
  static Set<String> keysRead(Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader(new HashMap<>(env));
    loader.build();
    return Collections.unmodifiableSet(loader.read);
  }

  private ServerConfig build() {
    ServerConfigBuilder b = ServerConfig.builder();
    String databaseUrl = databaseUrl();
    b.databaseUrl(databaseUrl);
    b.clickhouseCluster(clickhouseCluster(databaseUrl));
    set("DATA_DIR", Path::of, b::dataDir);
    b.hashSalt(HashSalts.resolve(get("HASH_SALT"), databaseUrl == null, b.dataDir()));
    set("PORT", v -> int32(ServerConfig.PORT, v), b::port);
    set("LOG_LEVEL", this::logLevel, b::logLevel);
    b.ingestTokens(tokens("INGEST_TOKENS"));
    b.readTokens(tokens("READ_TOKENS"));
    b.adminTokens(tokens("ADMIN_TOKEN"));
    b.allowAnonymousIngest(bool("ALLOW_ANONYMOUS_INGEST"));
    set("MAX_BODY_BYTES", v -> integer(ServerConfig.MAX_BODY_BYTES, v), b::maxBodyBytes);
    set("SESSION_TIMEOUT", v -> duration("SESSION_TIMEOUT", v, false), b::sessionTimeout);
    set("INFER_INTERVAL", v -> duration("INFER_INTERVAL", v, true), b::inferInterval);
    b.inferPartition(inferPartition(databaseUrl));
    b.workflowsFile(path("WORKFLOWS_FILE"));
    set(
        "AUTO_WORKFLOW_MIN_RUNS",
        v -> int32(ServerConfig.AUTO_WORKFLOW_MIN_RUNS, v),
        b::autoWorkflowMinRuns);
    set("NSM_COMMAND", v -> v, b::nsmCommand);
    set("MIN_ACTORS", v -> int32(ServerConfig.MIN_ACTORS, v), b::minActors);
    set("RETENTION_DAYS", v -> int32(ServerConfig.RETENTION_DAYS, v), b::retentionDays);
    set(
        "AGGREGATE_RETENTION_DAYS",
        v -> int32(ServerConfig.AGGREGATE_RETENTION_DAYS, v),
        b::aggregateRetentionDays);
    set(
        "RATE_LIMIT_PER_TOKEN",
        v -> int32(ServerConfig.RATE_LIMIT_PER_TOKEN, v),
        b::rateLimitPerToken);
    set(
        "RATE_LIMIT_PER_ADDRESS",
        v -> int32(ServerConfig.RATE_LIMIT_PER_ADDRESS, v),
        b::rateLimitPerAddress);
    b.posthogMappingFile(path("POSTHOG_MAPPING_FILE"));
    return b.build();
  }

  /** Parses {@code key}'s value and hands it to {@code setter} when set; else the default stays. */
  private <T> void set(String key, Function<String, T> parse, Consumer<T> setter) {
    String v = get(key);
    if (v != null) {
      setter.accept(parse.apply(v));
    }
  }

  private String get(String key) {
    read.add(key);
    String v = values.get(key);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private String databaseUrl() {
    String v = get("DATABASE_URL");
    if (v == null) {
      return null;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("postgresql://")
        || lower.startsWith("postgres://")
        || lower.startsWith("jdbc:postgresql:")
        || lower.startsWith("clickhouse://")) {
      return v;
    }
    throw bad(
        "DATABASE_URL",
        "must be a postgresql://user:pass@host:port/db URI, a jdbc:postgresql: URL or a"
            + " clickhouse://user:pass@host:8123/db URL",
        "fix it, or unset it to use the embedded database");
  }

  private String clickhouseCluster(String databaseUrl) {
    String v = get("CLICKHOUSE_CLUSTER");
    if (v == null) {
      return null;
    }
    if (databaseUrl == null || !databaseUrl.toLowerCase(Locale.ROOT).startsWith("clickhouse://")) {
      throw bad(
          "CLICKHOUSE_CLUSTER",
          "is set but DATABASE_URL is not a clickhouse:// URL",
          "unset it, or set DATABASE_URL to one of the cluster's servers");
    }
    if (!ServerConfig.CLUSTER_NAME.matcher(v).matches()) {
      throw bad(
          "CLICKHOUSE_CLUSTER",
          "must be a cluster name of letters, digits and '_' as in remote_servers",
          "fix it");
    }
    return v;
  }

  // Only ClickHouse needs a static split: PostgreSQL and the embedded database let one instance
  // infer at a time through a database lock (docs/scaling-out.md, "Several instances inferring").
  private InferPartition inferPartition(String databaseUrl) {
    String v = get("INFER_PARTITION");
    if (v == null) {
      return InferPartition.ALL;
    }
    if (databaseUrl == null || !databaseUrl.toLowerCase(Locale.ROOT).startsWith("clickhouse://")) {
      throw bad(
          "INFER_PARTITION",
          "is set but DATABASE_URL is not a clickhouse:// URL; on PostgreSQL and the embedded"
              + " database instances take turns inferring all actors",
          "unset it");
    }
    try {
      return InferPartition.parse(v);
    } catch (IllegalArgumentException e) {
      throw bad("INFER_PARTITION", e.getMessage(), "fix it, or unset it to infer every actor");
    }
  }

  private String logLevel(String value) {
    String v = value.toUpperCase(Locale.ROOT);
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

  /**
   * A whole number; {@link ServerConfig} checks it against {@code range}, named here if not one.
   */
  private long integer(Range range, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw range.failure(values.get(range.key()));
    }
  }

  private int int32(Range range, String v) {
    try {
      return Math.toIntExact(integer(range, v));
    } catch (ArithmeticException e) {
      throw range.failure(values.get(range.key()));
    }
  }

  private Duration duration(String key, String v, boolean zeroAllowed) {
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
