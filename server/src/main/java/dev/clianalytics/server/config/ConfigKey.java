package dev.clianalytics.server.config;

import java.util.List;
import java.util.Objects;

/**
 * One environment variable the server reads, with its default as it would be written in the
 * environment (null when unset means "none") and a one-line meaning. {@link #SERVER} is the list
 * docs/configuration.md is checked against, so a key added to {@link ConfigLoader} without a row
 * there fails the build.
 */
public record ConfigKey(String name, String defaultValue, String meaning) {
  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(meaning, "meaning");
  }

  /** Every key {@link ConfigLoader} reads, in the order of the reference table. */
  public static final List<ConfigKey> SERVER =
      List.of(
          new ConfigKey("DATABASE_URL", null, "PostgreSQL or ClickHouse URL; unset: embedded"),
          new ConfigKey(
              "CLICKHOUSE_CLUSTER", null, "ClickHouse cluster for ON CLUSTER and Distributed"),
          new ConfigKey("DATA_DIR", "./data", "directory of the embedded database and its salt"),
          new ConfigKey("HASH_SALT", null, "HMAC key for identifiers, at least 16 characters"),
          new ConfigKey("PORT", "8000", "listening port, 0 to 65535"),
          new ConfigKey("LOG_LEVEL", "INFO", "TRACE, DEBUG, INFO, WARN or ERROR"),
          new ConfigKey("INGEST_TOKENS", null, "comma-separated tokens that may post events"),
          new ConfigKey("READ_TOKENS", null, "comma-separated tokens that may read"),
          new ConfigKey("ADMIN_TOKEN", null, "comma-separated admin tokens"),
          new ConfigKey("ALLOW_ANONYMOUS_INGEST", "false", "true lets anyone post events"),
          new ConfigKey("MAX_BODY_BYTES", "5242880", "largest request body, 1024 to 2^30"),
          new ConfigKey("SESSION_TIMEOUT", "30m", "gap that ends a session"),
          new ConfigKey("INFER_INTERVAL", "60s", "how often inference runs; 0 turns it off"),
          new ConfigKey(
              "INFER_PARTITION", null, "share i/n of the actors to infer (ClickHouse); unset: all"),
          new ConfigKey("WORKFLOWS_FILE", null, "YAML or JSON workflow definitions"),
          new ConfigKey("AUTO_WORKFLOW_MIN_RUNS", "5", "runs before a command is a workflow"),
          new ConfigKey("NSM_COMMAND", "ai-do", "command of the north-star metric"),
          new ConfigKey("MIN_ACTORS", "1", "hide report groups with fewer distinct actors"),
          new ConfigKey("RETENTION_DAYS", "395", "days raw events are kept; 0 keeps them"),
          new ConfigKey(
              "AGGREGATE_RETENTION_DAYS",
              "0",
              "days weekly workflow aggregates are kept; 0 keeps them"),
          new ConfigKey("RATE_LIMIT_PER_TOKEN", "1000", "requests per second per token; 0 off"),
          new ConfigKey("RATE_LIMIT_PER_ADDRESS", "2000", "requests per second per address; 0 off"),
          new ConfigKey("POSTHOG_MAPPING_FILE", null, "YAML or JSON PostHog mapping file"));

  /** The row docs/configuration.md should have for this key. */
  public String tableRow() {
    return "| `"
        + name
        + "` | "
        + (defaultValue == null ? "none" : "`" + defaultValue + "`")
        + " | "
        + meaning
        + " |";
  }
}
