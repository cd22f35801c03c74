package dev.clianalytics.reliability;

import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cli-analytics serve} in its own JVM ({@link ServerProcess}) on a fresh PostgreSQL schema
 * with production-like settings: one token of each kind, {@code ALLOW_ANONYMOUS_INGEST} unset,
 * DEBUG logging into a file the test reads. The tokens look like real secrets so that a log line
 * holding one is found.
 */
final class TokenedPostgresServer implements AutoCloseable {
  static final String INGEST = "ingest-tok-Qm7vX2pL9sT4";
  static final String READ = "read-tok-Hb3nW8kR5cY1";
  static final String ADMIN = "admin-tok-Zf6jD1gM0eU7";
  static final String SALT = "reliability-salt-4c1e9a7f2b";

  private final TestPostgres pg;
  private final ServerProcess server;

  private TokenedPostgresServer(TestPostgres pg, ServerProcess server) {
    this.pg = pg;
    this.server = server;
  }

  /** Every configured token. */
  static List<String> tokens() {
    return List.of(INGEST, READ, ADMIN);
  }

  /**
   * Starts the server for {@code testClass} with its data and log under {@code dir}; {@code extra}
   * adds or overrides settings. Skips (or fails under CI) without {@code TEST_DATABASE_URL}.
   */
  static TokenedPostgresServer start(Class<?> testClass, Path dir, Map<String, String> extra) {
    TestPostgres pg = TestPostgres.create(testClass);
    try {
      Map<String, String> env = new HashMap<>();
      env.put("DATABASE_URL", pg.databaseUrl());
      env.put("HASH_SALT", SALT);
      env.put("DATA_DIR", dir.resolve("data").toString());
      env.put("INGEST_TOKENS", INGEST);
      env.put("READ_TOKENS", READ);
      env.put("ADMIN_TOKEN", ADMIN);
      env.put("LOG_LEVEL", "DEBUG");
      env.putAll(extra);
      return new TokenedPostgresServer(pg, ServerProcess.start(env, dir.resolve("server")));
    } catch (IOException e) {
      pg.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  Http http() {
    return new Http(server.port());
  }

  /** Everything the server has logged so far. */
  String log() {
    return server.output();
  }

  /** Stops the server as an operator would (SIGTERM), then drops the schema. */
  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      pg.close();
    }
  }
}
