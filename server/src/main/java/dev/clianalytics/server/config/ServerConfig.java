package dev.clianalytics.server.config;

import dev.clianalytics.server.storage.InferPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the server reads from its environment, read once at start and validated here
 * (docs/server.md). {@link #toString()} never shows the salt or tokens.
 *
 * @param databaseUrl PostgreSQL URL, or null for the embedded database in {@code dataDir}
 * @param hashSalt the HMAC key for identifiers, at least 16 characters
 * @param port 0 to 65535 (0 picks a free port)
 * @param maxBodyBytes request body limit, after decompression too
 * @param inferInterval {@link Duration#ZERO} turns scheduled inference off
 * @param retentionDays raw events older than this are dropped; 0 keeps them forever
 * @param aggregateRetentionDays weekly workflow aggregates (no identifiers) older than this are
 *     dropped; 0 keeps them forever
 * @param rateLimitPerToken requests per second one token may make (burst twice that); 0 is off
 * @param rateLimitPerAddress requests per second from one client address (burst twice that); 0 is
 *     off
 * @param posthogMappingFile the PostHog mapping file (docs/posthog.md), or null for the defaults
 * @param clickhouseCluster the ClickHouse cluster the tables are created on (docs/scaling-out.md),
 *     or null for a single server
 * @param inferPartition the share of the actors this instance infers on ClickHouse
 *     (docs/scaling-out.md); {@link InferPartition#ALL} for every actor
 */
public record ServerConfig(
    String databaseUrl,
    Path dataDir,
    String hashSalt,
    int port,
    String logLevel,
    List<String> ingestTokens,
    List<String> readTokens,
    List<String> adminTokens,
    boolean allowAnonymousIngest,
    long maxBodyBytes,
    Duration sessionTimeout,
    Duration inferInterval,
    Path workflowsFile,
    int autoWorkflowMinRuns,
    String nsmCommand,
    int minActors,
    int retentionDays,
    int aggregateRetentionDays,
    int rateLimitPerToken,
    int rateLimitPerAddress,
    Path posthogMappingFile,
    String clickhouseCluster,
    InferPartition inferPartition) {

  /** Default {@code MAX_BODY_BYTES}: 5 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;

  /** Default {@code RATE_LIMIT_PER_TOKEN}, requests per second (docs/server.md says why). */
  public static final int DEFAULT_RATE_LIMIT_PER_TOKEN = 1000;

  /** Default {@code RATE_LIMIT_PER_ADDRESS}, requests per second (docs/server.md says why). */
  public static final int DEFAULT_RATE_LIMIT_PER_ADDRESS = 2000;

  /** What {@code CLICKHOUSE_CLUSTER} may be: a name as {@code remote_servers} spells it. */
  static final java.util.regex.Pattern CLUSTER_NAME =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  /** The largest rate either limit accepts. */
  public static final int MAX_RATE_LIMIT = 1_000_000;

  /** The file in {@code DATA_DIR} that keeps a generated {@code HASH_SALT}. */
  public static final String HASH_SALT_FILE = HashSalts.FILE_NAME;

  /** The shortest {@code HASH_SALT} accepted. */
  static final int MIN_SALT_LENGTH = 16;

  // The one statement of each numeric setting's range (docs/server.md lists them).
  static final Range PORT = Range.of("PORT", 0, 65535);
  static final Range MAX_BODY_BYTES = Range.of("MAX_BODY_BYTES", 1024, 1L << 30);
  static final Range AUTO_WORKFLOW_MIN_RUNS = Range.of("AUTO_WORKFLOW_MIN_RUNS", 1, 1_000_000);
  static final Range MIN_ACTORS = Range.of("MIN_ACTORS", 1, 1_000_000);
  static final Range RETENTION_DAYS = Range.of("RETENTION_DAYS", 0, 36_500);
  static final Range AGGREGATE_RETENTION_DAYS = Range.of("AGGREGATE_RETENTION_DAYS", 0, 36_500);
  static final Range RATE_LIMIT_PER_TOKEN = Range.rate("RATE_LIMIT_PER_TOKEN", MAX_RATE_LIMIT);
  static final Range RATE_LIMIT_PER_ADDRESS = Range.rate("RATE_LIMIT_PER_ADDRESS", MAX_RATE_LIMIT);

  /** Checks every component: the one place the configuration's rules are enforced. */
  public ServerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(logLevel, "logLevel");
    Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    Objects.requireNonNull(inferInterval, "inferInterval");
    Objects.requireNonNull(nsmCommand, "nsmCommand");
    Objects.requireNonNull(inferPartition, "inferPartition");
    ingestTokens = List.copyOf(ingestTokens);
    readTokens = List.copyOf(readTokens);
    adminTokens = List.copyOf(adminTokens);
    if (hashSalt == null || hashSalt.length() < MIN_SALT_LENGTH) {
      throw new ConfigException(
          "HASH_SALT must be at least "
              + MIN_SALT_LENGTH
              + " characters (it has "
              + (hashSalt == null ? 0 : hashSalt.length())
              + "); set a long random value, e.g. from `openssl rand -hex 32`, in the"
              + " environment or .env");
    }
    PORT.check(port);
    MAX_BODY_BYTES.check(maxBodyBytes);
    AUTO_WORKFLOW_MIN_RUNS.check(autoWorkflowMinRuns);
    MIN_ACTORS.check(minActors);
    RETENTION_DAYS.check(retentionDays);
    AGGREGATE_RETENTION_DAYS.check(aggregateRetentionDays);
    if (aggregateRetentionDays > 0
        && (retentionDays == 0 || aggregateRetentionDays < retentionDays)) {
      throw new ConfigException(
          "AGGREGATE_RETENTION_DAYS must be 0 (forever) or at least RETENTION_DAYS ("
              + (retentionDays == 0 ? "0, forever" : retentionDays)
              + "), was "
              + aggregateRetentionDays
              + ": aggregates are made from the raw events retention drops");
    }
    RATE_LIMIT_PER_TOKEN.check(rateLimitPerToken);
    RATE_LIMIT_PER_ADDRESS.check(rateLimitPerAddress);
    if (clickhouseCluster != null && !CLUSTER_NAME.matcher(clickhouseCluster).matches()) {
      throw new ConfigException(
          "CLICKHOUSE_CLUSTER must be a cluster name of letters, digits and '_', was '"
              + clickhouseCluster
              + "'");
    }
  }

  /** A builder holding every default of docs/server.md, for a configuration made in code. */
  public static ServerConfigBuilder builder() {
    return new ServerConfigBuilder();
  }

  /** A builder starting from this configuration, to change a few settings. */
  public ServerConfigBuilder toBuilder() {
    return new ServerConfigBuilder(this);
  }

  /** Reads the process environment and {@code ./.env} (the environment wins). */
  public static ServerConfig load() {
    return from(System.getenv(), Path.of(".env"));
  }

  /** Reads {@code env} and the given {@code .env} file (missing is fine; {@code env} wins). */
  public static ServerConfig from(Map<String, String> env, Path dotEnvFile) {
    return ConfigLoader.load(env, DotEnv.read(dotEnvFile));
  }

  /** True when no {@code DATABASE_URL} is set: the embedded database in {@link #dataDir()}. */
  public boolean embedded() {
    return databaseUrl == null;
  }

  /** True when no token of any kind is configured. */
  public boolean noTokens() {
    return ingestTokens.isEmpty() && readTokens.isEmpty() && adminTokens.isEmpty();
  }

  /** The same configuration listening on another port. */
  public ServerConfig withPort(int newPort) {
    return toBuilder().port(newPort).build();
  }

  @Override
  public String toString() {
    return "ServerConfig[database="
        + (embedded()
            ? "embedded in " + dataDir
            : databaseUrl.startsWith("clickhouse://") ? "clickhouse" : "postgresql")
        + ", port="
        + port
        + ", logLevel="
        + logLevel
        + ", ingestTokens="
        + ingestTokens.size()
        + ", readTokens="
        + readTokens.size()
        + ", adminTokens="
        + adminTokens.size()
        + ", allowAnonymousIngest="
        + allowAnonymousIngest
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", retentionDays="
        + retentionDays
        + ", aggregateRetentionDays="
        + aggregateRetentionDays
        + ", rateLimitPerToken="
        + rateLimitPerToken
        + ", rateLimitPerAddress="
        + rateLimitPerAddress
        + "]";
  }
}
