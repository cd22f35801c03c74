package dev.clianalytics.server.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Properties;

/**
 * The connection pool for PostgreSQL. Short timeouts make an outage answer within about three
 * seconds instead of hanging; HikariCP replaces broken connections on its own, so service resumes
 * when the database returns without a restart.
 */
final class PostgresPool {
  static final int MAX_CONNECTIONS = 8;
  static final long CONNECTION_TIMEOUT_MS = 2_500;

  private PostgresPool() {}

  static HikariDataSource create(DatabaseUrl url) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("cli-analytics-postgres");
    config.setJdbcUrl(url.jdbcUrl());
    Properties props = driverDefaults();
    props.putAll(url.driverProperties());
    config.setDataSourceProperties(props);
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    config.setValidationTimeout(1_000);
    config.setKeepaliveTime(60_000);
    config.setIdleTimeout(300_000);
    config.setMaxLifetime(900_000);
    // Start even when the database is down: the server answers 503 until it is back.
    config.setInitializationFailTimeout(-1);
    config.setAutoCommit(false);
    return new HikariDataSource(config);
  }

  /**
   * Driver settings that let the pool work behind PgBouncer or the Supabase pooler in transaction
   * mode (no server-side prepared statements) and fail fast when the network does.
   */
  static Properties driverDefaults() {
    Properties p = new Properties();
    p.setProperty("prepareThreshold", "0");
    p.setProperty("connectTimeout", "3");
    p.setProperty("loginTimeout", "3");
    p.setProperty("socketTimeout", "120");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "cli-analytics");
    return p;
  }
}
