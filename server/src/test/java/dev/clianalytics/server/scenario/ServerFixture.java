package dev.clianalytics.server.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh real server on a random port for every test, on an empty database a subclass provides, so
 * each scenario's report numbers are exactly its own. Scheduled inference is off.
 */
public abstract class ServerFixture {
  static final String TOKEN = "admin-token-scenarios";

  private CliAnalyticsServer server;
  private Http http;
  private Path dataDir;

  /** A {@code DATABASE_URL} for a new empty database, or null for embedded DuckDB. */
  protected abstract String newDatabaseUrl();

  /** Settings every server of this fixture gets, such as the cluster its database is on. */
  protected Map<String, String> databaseSettings() {
    return Map.of();
  }

  /** Drops what {@link #newDatabaseUrl()} created. */
  protected void dropDatabase() {}

  @BeforeEach
  void startServer() {
    start(Map.of());
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
    dropDatabase();
  }

  /** Replaces the server with one on a new empty database and these extra settings. */
  public void restart(Map<String, String> settings) {
    stopServer();
    start(settings);
  }

  private void start(Map<String, String> settings) {
    start(settings, Clock.systemUTC());
  }

  /** Replaces the server with one on a new empty database whose clock is {@code clock}. */
  public void restart(Map<String, String> settings, Clock clock) {
    stopServer();
    start(settings, clock);
  }

  private void start(Map<String, String> settings, Clock clock) {
    try {
      dataDir = Files.createTempDirectory("scenario");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = newDatabaseUrl();
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("HASH_SALT", "scenario-salt-0123456789");
    env.put("PORT", "0");
    env.put("ADMIN_TOKEN", TOKEN);
    env.put("INFER_INTERVAL", "0");
    if (url != null) {
      env.put("DATABASE_URL", url);
    }
    env.putAll(databaseSettings());
    env.putAll(settings);
    ServerConfig config = ServerConfig.from(env, dataDir.resolve("no.env"));
    Storage storage = Storages.open(config);
    server = CliAnalyticsServer.start(config, storage, clock);
    http = new Http(server.port());
  }

  public Http http() {
    return http;
  }

  /** Ingests the events (one request) and checks they were all accepted or duplicates. */
  public void send(Ev... events) {
    List<Map<String, Object>> body = java.util.Arrays.stream(events).map(Ev::json).toList();
    Http.Response r = http.postJson("/ingest", Json.write(body), TOKEN);
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of(), ((Map<?, ?>) Json.parse(r.body())).get("rejected"), r.body());
  }

  /** Runs incremental inference and returns its answer. */
  public Map<?, ?> infer() {
    return post("/infer");
  }

  public Map<?, ?> inferFull() {
    return post("/infer?full=true");
  }

  private Map<?, ?> post(String path) {
    Http.Response r = http.post(path, "", "Authorization", "Bearer " + TOKEN);
    assertEquals(200, r.status(), r.body());
    return (Map<?, ?>) Json.parse(r.body());
  }

  /** GETs a JSON document with the token; fails unless 200. */
  public Map<?, ?> get(String path) {
    Http.Response r = http.get(path, "Authorization", "Bearer " + TOKEN);
    assertEquals(200, r.status(), path + ": " + r.body());
    return (Map<?, ?>) Json.parse(r.body());
  }

  /** Convenience for storages opened outside the server (tests that need two instances). */
  protected static Storage open(String url, Path dir) {
    return Storages.open(url, dir);
  }
}
