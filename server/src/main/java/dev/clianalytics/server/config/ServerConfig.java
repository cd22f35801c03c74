package dev.clianalytics.server.config;

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
 * @param rateLimitPerToken requests per second one token may make (burst twice that); 0 is off
 * @param rateLimitPerAddress requests per second from one client address (burst twice that); 0 is
 *     off
 * @param posthogMappingFile the PostHog mapping file (docs/posthog.md), or null for the defaults
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
    int rateLimitPerToken,
    int rateLimitPerAddress,
    Path posthogMappingFile) {

  /** Default {@code MAX_BODY_BYTES}: 5 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;

  /** Default {@code RATE_LIMIT_PER_TOKEN}, requests per second (docs/server.md says why). */
  public static final int DEFAULT_RATE_LIMIT_PER_TOKEN = 1000;

  /** Default {@code RATE_LIMIT_PER_ADDRESS}, requests per second (docs/server.md says why). */
  public static final int DEFAULT_RATE_LIMIT_PER_ADDRESS = 2000;

  /** The largest rate either limit accepts. */
  public static final int MAX_RATE_LIMIT = 1_000_000;

  public ServerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(logLevel, "logLevel");
    Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    Objects.requireNonNull(inferInterval, "inferInterval");
    Objects.requireNonNull(nsmCommand, "nsmCommand");
    ingestTokens = List.copyOf(ingestTokens);
    readTokens = List.copyOf(readTokens);
    adminTokens = List.copyOf(adminTokens);
    if (hashSalt == null || hashSalt.length() < 16) {
      throw new ConfigException(
          "HASH_SALT must be at least 16 characters; set a long random value in the environment"
              + " or .env");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("PORT must be from 0 to 65535, was " + port + "; fix PORT");
    }
    if (maxBodyBytes < 1024) {
      throw new ConfigException(
          "MAX_BODY_BYTES must be at least 1024, was " + maxBodyBytes + "; fix MAX_BODY_BYTES");
    }
    checkRate("RATE_LIMIT_PER_TOKEN", rateLimitPerToken);
    checkRate("RATE_LIMIT_PER_ADDRESS", rateLimitPerAddress);
  }

  private static void checkRate(String key, int rate) {
    if (rate < 0 || rate > MAX_RATE_LIMIT) {
      throw new ConfigException(
          key
              + " must be from 0 (off) to "
              + MAX_RATE_LIMIT
              + " requests per second, was "
              + rate
              + "; fix "
              + key);
    }
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
    return new ServerConfig(
        databaseUrl,
        dataDir,
        hashSalt,
        newPort,
        logLevel,
        ingestTokens,
        readTokens,
        adminTokens,
        allowAnonymousIngest,
        maxBodyBytes,
        sessionTimeout,
        inferInterval,
        workflowsFile,
        autoWorkflowMinRuns,
        nsmCommand,
        minActors,
        retentionDays,
        rateLimitPerToken,
        rateLimitPerAddress,
        posthogMappingFile);
  }

  @Override
  public String toString() {
    return "ServerConfig[database="
        + (embedded() ? "embedded in " + dataDir : "postgresql")
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
        + ", rateLimitPerToken="
        + rateLimitPerToken
        + ", rateLimitPerAddress="
        + rateLimitPerAddress
        + "]";
  }
}
