package dev.clianalytics.server.config;

import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.server.storage.InferPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Builds a {@link ServerConfig}: starts from the defaults of docs/server.md (or from a
 * configuration), so a caller sets only what differs; {@link #build()} checks every rule.
 */
public final class ServerConfigBuilder {
  private String databaseUrl;
  private Path dataDir = Path.of("./data");
  private String hashSalt;
  private int port = 8000;
  private String logLevel = "INFO";
  private List<String> ingestTokens = List.of();
  private List<String> readTokens = List.of();
  private List<String> adminTokens = List.of();
  private boolean allowAnonymousIngest;
  private long maxBodyBytes = ServerConfig.DEFAULT_MAX_BODY_BYTES;
  private Duration sessionTimeout = Duration.ofMinutes(30);
  private Duration inferInterval = Duration.ofSeconds(60);
  private Path workflowsFile;
  private int autoWorkflowMinRuns = 5;
  private String nsmCommand = NsmOptions.DEFAULT_COMMAND;
  private int minActors = 1;
  private int retentionDays = 395;
  private int aggregateRetentionDays;
  private int rateLimitPerToken = ServerConfig.DEFAULT_RATE_LIMIT_PER_TOKEN;
  private int rateLimitPerAddress = ServerConfig.DEFAULT_RATE_LIMIT_PER_ADDRESS;
  private Path posthogMappingFile;
  private String clickhouseCluster;
  private InferPartition inferPartition = InferPartition.ALL;

  ServerConfigBuilder() {}

  ServerConfigBuilder(ServerConfig c) {
    databaseUrl = c.databaseUrl();
    dataDir = c.dataDir();
    hashSalt = c.hashSalt();
    port = c.port();
    logLevel = c.logLevel();
    ingestTokens = c.ingestTokens();
    readTokens = c.readTokens();
    adminTokens = c.adminTokens();
    allowAnonymousIngest = c.allowAnonymousIngest();
    maxBodyBytes = c.maxBodyBytes();
    sessionTimeout = c.sessionTimeout();
    inferInterval = c.inferInterval();
    workflowsFile = c.workflowsFile();
    autoWorkflowMinRuns = c.autoWorkflowMinRuns();
    nsmCommand = c.nsmCommand();
    minActors = c.minActors();
    retentionDays = c.retentionDays();
    aggregateRetentionDays = c.aggregateRetentionDays();
    rateLimitPerToken = c.rateLimitPerToken();
    rateLimitPerAddress = c.rateLimitPerAddress();
    posthogMappingFile = c.posthogMappingFile();
    clickhouseCluster = c.clickhouseCluster();
    inferPartition = c.inferPartition();
  }

  /** PostgreSQL URL; null (the default) for the embedded database in the data directory. */
  public ServerConfigBuilder databaseUrl(String value) {
    databaseUrl = value;
    return this;
  }

  Path dataDir() {
    return dataDir;
  }

  public ServerConfigBuilder dataDir(Path value) {
    dataDir = value;
    return this;
  }

  public ServerConfigBuilder hashSalt(String value) {
    hashSalt = value;
    return this;
  }

  /** 0 to 65535, 0 picking a free port; default 8000. */
  public ServerConfigBuilder port(int value) {
    port = value;
    return this;
  }

  public ServerConfigBuilder logLevel(String value) {
    logLevel = value;
    return this;
  }

  public ServerConfigBuilder ingestTokens(List<String> value) {
    ingestTokens = value;
    return this;
  }

  public ServerConfigBuilder readTokens(List<String> value) {
    readTokens = value;
    return this;
  }

  public ServerConfigBuilder adminTokens(List<String> value) {
    adminTokens = value;
    return this;
  }

  public ServerConfigBuilder allowAnonymousIngest(boolean value) {
    allowAnonymousIngest = value;
    return this;
  }

  /** 1024 to 2^30; default 5 MiB. */
  public ServerConfigBuilder maxBodyBytes(long value) {
    maxBodyBytes = value;
    return this;
  }

  public ServerConfigBuilder sessionTimeout(Duration value) {
    sessionTimeout = value;
    return this;
  }

  /** {@link Duration#ZERO} turns scheduled inference off; default 60 seconds. */
  public ServerConfigBuilder inferInterval(Duration value) {
    inferInterval = value;
    return this;
  }

  public ServerConfigBuilder workflowsFile(Path value) {
    workflowsFile = value;
    return this;
  }

  /** 1 to 1,000,000; default 5. */
  public ServerConfigBuilder autoWorkflowMinRuns(int value) {
    autoWorkflowMinRuns = value;
    return this;
  }

  public ServerConfigBuilder nsmCommand(String value) {
    nsmCommand = value;
    return this;
  }

  /** 1 to 1,000,000; default 1. */
  public ServerConfigBuilder minActors(int value) {
    minActors = value;
    return this;
  }

  /** 0 (keep forever) to 36,500; default 395. */
  public ServerConfigBuilder retentionDays(int value) {
    retentionDays = value;
    return this;
  }

  /** 0 (keep forever, the default) or RETENTION_DAYS to 36,500. */
  public ServerConfigBuilder aggregateRetentionDays(int value) {
    aggregateRetentionDays = value;
    return this;
  }

  /** 0 (off) to 1,000,000 requests per second; default 1000. */
  public ServerConfigBuilder rateLimitPerToken(int value) {
    rateLimitPerToken = value;
    return this;
  }

  /** 0 (off) to 1,000,000 requests per second; default 2000. */
  public ServerConfigBuilder rateLimitPerAddress(int value) {
    rateLimitPerAddress = value;
    return this;
  }

  public ServerConfigBuilder posthogMappingFile(Path value) {
    posthogMappingFile = value;
    return this;
  }

  /** The ClickHouse cluster to create tables on; null (the default) for a single server. */
  public ServerConfigBuilder clickhouseCluster(String value) {
    clickhouseCluster = value;
    return this;
  }

  /** The share of the actors this instance infers on ClickHouse; {@link InferPartition#ALL}. */
  public ServerConfigBuilder inferPartition(InferPartition value) {
    inferPartition = value;
    return this;
  }

  /** The configuration; throws {@link ConfigException} naming the first setting out of range. */
  public ServerConfig build() {
    return new ServerConfig(
        databaseUrl,
        dataDir,
        hashSalt,
        port,
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
        aggregateRetentionDays,
        rateLimitPerToken,
        rateLimitPerAddress,
        posthogMappingFile,
        clickhouseCluster,
        inferPartition);
  }
}
