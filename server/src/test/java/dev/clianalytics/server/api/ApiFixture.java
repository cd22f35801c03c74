package dev.clianalytics.server.api;

import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One real server on a random port per test class, over the storage a subclass provides, with one
 * token of each kind. The API contracts run unchanged on every storage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiFixture implements ApiContext {
  static final String SALT = "test-salt-0123456789abcdef";
  static final String INGEST = "ingest-token-1";
  static final String READ = "read-token-1";
  static final String ADMIN = "admin-token-1";

  /** Small, so the 413 tests send little. */
  static final long MAX_BODY = 256 * 1024;

  private CliAnalyticsServer server;
  private Http http;
  private Path dataDir;

  /** The storage under test, fresh or shared; the server closes it. */
  protected abstract Storage openStorage(Path dataDir);

  /** {@code DATABASE_URL} for PostgreSQL, null for the embedded database. */
  protected abstract String databaseUrl();

  @BeforeAll
  void startServer() throws IOException {
    dataDir = Files.createTempDirectory("api-test");
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("HASH_SALT", SALT);
    env.put("PORT", "0");
    env.put("INGEST_TOKENS", INGEST + ",ingest-token-2");
    env.put("READ_TOKENS", READ);
    env.put("ADMIN_TOKEN", ADMIN);
    env.put("MAX_BODY_BYTES", Long.toString(MAX_BODY));
    if (databaseUrl() != null) {
      env.put("DATABASE_URL", databaseUrl());
    }
    ServerConfig config = ServerConfig.from(env, dataDir.resolve("no.env"));
    server = CliAnalyticsServer.start(config, openStorage(dataDir));
    http = new Http(server.port());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
    afterServerStopped();
  }

  /** Cleanup that must wait until the server has closed its storage. */
  protected void afterServerStopped() {}

  @Override
  public Http http() {
    return http;
  }

  @Override
  public String stored(String rawId) {
    return Privacy.server(SALT).identifier(rawId);
  }
}
