package dev.clianalytics.reliability;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The real server in this JVM on a random port, on PostgreSQL ({@code TEST_DATABASE_URL}, a schema
 * of its own), ClickHouse (a database of its own) or the embedded database, with one token of each
 * kind; on PostgreSQL and the embedded database its tables can be read over JDBC once it is
 * stopped.
 */
final class InProcessServer implements AutoCloseable {
  static final String INGEST = "ingest-token-inproc-1";
  static final String ADMIN = "admin-token-inproc-1";
  static final String SALT = "in-process-salt-0123456789";

  private final TestPostgres pg;
  private final TestClickHouse ch;
  private final Path dataDir;
  private CliAnalyticsServer server;
  private final Http http;

  private InProcessServer(TestPostgres pg, TestClickHouse ch, Path dataDir) {
    this.pg = pg;
    this.ch = ch;
    this.dataDir = dataDir;
    String databaseUrl = pg != null ? pg.databaseUrl() : ch != null ? ch.databaseUrl() : null;
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("HASH_SALT", SALT);
    env.put("PORT", "0");
    env.put("INGEST_TOKENS", INGEST);
    env.put("ADMIN_TOKEN", ADMIN);
    env.put("INFER_INTERVAL", "0");
    if (databaseUrl != null) {
      env.put("DATABASE_URL", databaseUrl);
    }
    ServerConfig config = ServerConfig.from(env, dataDir.resolve("no.env"));
    this.server = CliAnalyticsServer.start(config, Storages.open(databaseUrl, dataDir));
    this.http = new Http(server.port());
  }

  /** {@code database}: {@code postgres}, {@code clickhouse} or {@code duckdb}. */
  static InProcessServer start(String database, Class<?> testClass, Path dataDir) {
    return new InProcessServer(
        database.equals("postgres") ? TestPostgres.create(testClass) : null,
        database.equals("clickhouse") ? TestClickHouse.create(testClass) : null,
        dataDir);
  }

  String ingestUrl() {
    return "http://127.0.0.1:" + http.port() + "/ingest";
  }

  /**
   * An SDK environment with its own {@code home} and a generous flush timeout; {@code pairs} add
   * the variables that turn telemetry on and point it here.
   */
  static Map<String, String> sdkEnv(Path home, String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("EVENTS_FLUSH_TIMEOUT_MS", "10000");
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  Http http() {
    return http;
  }

  /** The events table, qualified with the test's schema on PostgreSQL. */
  String events() {
    return pg == null ? "events" : pg.schema() + ".events";
  }

  /** Stops the server, so the embedded database file can be opened. */
  void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Runs one statement in the ClickHouse database and returns its TabSeparated answer. */
  String clickHouseSql(String statement) {
    if (ch == null) {
      throw new IllegalStateException("not on ClickHouse");
    }
    return ch.sql(statement);
  }

  /** A connection to the stopped server's database. */
  Connection connect() throws SQLException {
    if (ch != null) {
      throw new UnsupportedOperationException("ClickHouse is read over HTTP, not JDBC");
    }
    if (pg != null) {
      return pg.connect();
    }
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection(
        "jdbc:duckdb:" + dataDir.resolve("cli-analytics.duckdb"), readOnly);
  }

  @Override
  public void close() {
    stop();
    if (pg != null) {
      pg.close();
    }
    if (ch != null) {
      ch.close();
    }
  }
}
