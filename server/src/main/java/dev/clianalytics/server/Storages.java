package dev.clianalytics.server;

import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.InferPartition;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.StorageUnavailableException;
import dev.clianalytics.server.storage.clickhouse.ClickHouseStorage;
import dev.clianalytics.server.storage.clickhouse.ClickHouseUrl;
import dev.clianalytics.server.storage.duckdb.DuckDbStorage;
import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import dev.clianalytics.server.storage.postgres.PostgresStorage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens the storage a {@code DATABASE_URL} names. It lives beside the server rather than in the
 * storage SPI because it names every backend, and the backends depend on the SPI.
 */
public final class Storages {
  /** File name of the embedded database inside {@code DATA_DIR}. */
  public static final String EMBEDDED_FILE = "cli-analytics.duckdb";

  private Storages() {}

  /**
   * Opens PostgreSQL when {@code databaseUrl} is a libpq URI or a {@code jdbc:postgresql:} URL,
   * ClickHouse when it is a {@code clickhouse://} URL, otherwise (null or blank) the embedded
   * DuckDB database at {@code dataDir/cli-analytics.duckdb}, creating the directory if missing.
   * Does not migrate: call {@link Storage#migrate()}. A PostgreSQL server that is down does not
   * stop this call; the first use then throws {@link StorageUnavailableException}.
   *
   * @throws IllegalArgumentException when the URL is malformed (the message never shows the
   *     password)
   * @throws StorageUnavailableException when the embedded database file cannot be created or opened
   *     (for example, another process holds it)
   */
  public static Storage open(String databaseUrl, Path dataDir) {
    return open(databaseUrl, dataDir, null, InferPartition.ALL);
  }

  /** The storage {@code config} names: its database, on its ClickHouse cluster if it has one. */
  public static Storage open(ServerConfig config) {
    return open(
        config.databaseUrl(),
        config.dataDir(),
        config.clickhouseCluster(),
        config.inferPartition());
  }

  private static Storage open(
      String databaseUrl, Path dataDir, String clickhouseCluster, InferPartition partition) {
    if (databaseUrl == null || databaseUrl.isBlank()) {
      Objects.requireNonNull(dataDir, "dataDir is required for the embedded database");
      return DuckDbStorage.open(dataDir.resolve(EMBEDDED_FILE));
    }
    if (ClickHouseUrl.isClickHouse(databaseUrl)) {
      return ClickHouseStorage.open(ClickHouseUrl.parse(databaseUrl), clickhouseCluster, partition);
    }
    return PostgresStorage.open(DatabaseUrl.parse(databaseUrl));
  }
}
