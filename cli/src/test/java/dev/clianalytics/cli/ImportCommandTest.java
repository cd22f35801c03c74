package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import}: a Supabase starter table {@code events(id uuid, payload jsonb)} moved into a real
 * server, read straight from PostgreSQL ({@code TEST_DATABASE_URL}) and paged through a real
 * PostgREST-compatible endpoint (this project's own {@code /rest/v1/events}).
 */
class ImportCommandTest {
  private static final String ADMIN = "admin-token-for-import-tests";
  private static final String SOURCE_ADMIN = "admin-token-of-the-source-server";
  private static final List<String> SECRETS =
      List.of(
          "alice",
          "example.com",
          "/home/",
          "id_rsa",
          "ghp_",
          "s3cr3t",
          "secret-file",
          "SECRETBRANCH",
          "10.1.2.3");

  @TempDir Path dir;
  private Storage storage;
  private CliAnalyticsServer server;
  private String url;

  @BeforeEach
  void startTarget() throws IOException {
    Path data = Files.createDirectories(dir.resolve("target"));
    storage = Storages.open(null, data);
    server = start(data, ADMIN, storage);
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void import_fromPostgres_storesEventsPrivatelyReportsEachRowAndSkipsThemTheSecondTime()
      throws SQLException {
    String base = postgresUrl();
    String schema = "t_import_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    String table = schema + ".events";
    try (Connection c = DatabaseUrl.parse(base).connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      s.execute("CREATE TABLE " + table + " (id uuid PRIMARY KEY, payload jsonb)");
      insertSeedRows(c, table);
      try {
        CommandRun first = importFrom(base, "--table", table);
        assertEquals(1, first.exitCode(), first.err());
        Map<String, Object> summary = json(first.out());
        assertEquals(6L, summary.get("read"));
        assertEquals(2L, summary.get("imported"));
        assertEquals(0L, summary.get("duplicates"));
        assertEquals(2L, summary.get("skipped"));
        assertEquals(List.of("2 exit_code", "4 timestamp"), rejections(summary));

        CommandRun second = importFrom(base, "--table", table);
        Map<String, Object> again = json(second.out());
        assertEquals(0L, again.get("imported"));
        assertEquals(2L, again.get("duplicates"));
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
    assertEquals(Set.of(id(0), id(1)), storedIds());
    String stored = Json.write(storage.rows(100, 0).stream().map(Storage.Row::payload).toList());
    for (String secret : SECRETS) {
      assertFalse(stored.contains(secret), secret + " reached the stored rows: " + stored);
    }
    assertTrue(stored.contains("\"--out\""), stored);
  }

  @Test
  void import_fromPostgrest_pagesThroughEveryRowWithTheKeyAndSkipsThemTheSecondTime()
      throws Exception {
    Path sourceData = Files.createDirectories(dir.resolve("source"));
    try (Storage sourceStorage = Storages.open(null, sourceData);
        CliAnalyticsServer source = start(sourceData, SOURCE_ADMIN, sourceStorage)) {
      String rest = "http://127.0.0.1:" + source.port() + "/rest/v1/events";
      StringBuilder rows = new StringBuilder("[");
      for (int i = 0; i < 5; i++) {
        rows.append(i == 0 ? "" : ",")
            .append("{\"payload\":")
            .append(Json.write(event("npm", "dev-" + i)))
            .append('}');
      }
      HttpResponse<String> posted = post(rest, rows.append(']').toString());
      assertEquals(201, posted.statusCode(), posted.body());
      Set<String> sourceIds = new TreeSet<>();
      for (Storage.Row row : sourceStorage.rows(100, 0)) {
        sourceIds.add(row.id().toString());
      }

      CommandRun first = importFrom(rest, "--source-token", SOURCE_ADMIN, "--batch-size", "2");
      assertEquals(0, first.exitCode(), first.err());
      assertEquals(5L, json(first.out()).get("imported"));
      assertEquals(sourceIds, storedIds());

      CommandRun second = importFrom(rest, "--source-token", SOURCE_ADMIN, "--batch-size", "2");
      assertEquals(0L, json(second.out()).get("imported"));
      assertEquals(5L, json(second.out()).get("duplicates"));

      CommandRun refused = importFrom(rest, "--source-token", "not-the-key");
      assertEquals(1, refused.exitCode());
      assertTrue(refused.err().contains("HTTP 401"), refused.err());
      assertFalse(refused.err().contains("not-the-key"), refused.err());
    }
  }

  @Test
  void import_ofSomethingElse_isAUsageErrorNamingBothForms() {
    CommandRun run = importFrom("mysql://somewhere/db");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("postgres://"), run.err());
    assertTrue(run.err().contains("/rest/v1/events"), run.err());
  }

  private CommandRun importFrom(String source, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("import", source, "--url", url, "--token", ADMIN, "--json"));
    args.addAll(List.of(more));
    return CommandRun.of("", args.toArray(String[]::new));
  }

  /**
   * Six rows in id order: two events full of values the privacy rules must remove, one without an
   * exit code, a north-star aggregate, one too old to accept and a null payload.
   */
  private static void insertSeedRows(Connection c, String table) throws SQLException {
    Map<String, Object> leaky = event("git", "alice@example.com");
    leaky.put("command_path", List.of("git", "checkout", "feature/SECRETBRANCH"));
    leaky.put("flags_present", List.of("--token=s3cr3t-value", "--out=/tmp/secret-file"));
    leaky.put("exit_code", 1);
    leaky.put("error_type", "GitError");
    leaky.put(
        "error_message",
        "cannot read /home/alice/.ssh/id_rsa with ghp_abcdefghijklmnopqrstuvwxyz0123456789"
            + " from 10.1.2.3");
    leaky.put("machine_id", "alice-laptop");
    Map<String, Object> noExit = event("git", "bob");
    noExit.remove("exit_code");
    Map<String, Object> old = event("git", "carol");
    old.put("timestamp", Instant.now().minus(Duration.ofDays(200)).toString());
    List<Object> payloads =
        java.util.Arrays.asList(
            leaky,
            event("terraform", "dave"),
            noExit,
            Map.of("week", "2026-W03", "successful_runs", 3),
            old,
            null);
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO " + table + " VALUES (?::uuid, ?::jsonb)")) {
      for (int i = 0; i < payloads.size(); i++) {
        s.setString(1, id(i));
        s.setString(2, payloads.get(i) == null ? null : Json.write(payloads.get(i)));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static Map<String, Object> event(String tool, String actor) {
    Map<String, Object> e = new java.util.LinkedHashMap<>();
    e.put("timestamp", Instant.now().minus(Duration.ofHours(2)).toString());
    e.put("tool_name", tool);
    e.put("command_path", List.of(tool, "plan"));
    e.put("exit_code", 0);
    e.put("actor_id", actor);
    return e;
  }

  private static String id(int i) {
    return String.format("00000000-0000-4000-8000-%012d", i);
  }

  private Set<String> storedIds() {
    Set<String> ids = new TreeSet<>();
    for (Storage.Row row : storage.rows(100, 0)) {
      ids.add(row.id().toString());
    }
    return ids;
  }

  @SuppressWarnings("unchecked") // the summary's rejection entries are JSON objects
  private static List<String> rejections(Map<String, Object> summary) {
    return ((List<Object>) summary.get("rejected"))
        .stream()
            .map(r -> (Map<String, Object>) r)
            .map(
                r ->
                    r.get("index")
                        + " "
                        + ((Map<String, Object>) ((List<Object>) r.get("errors")).get(0))
                            .get("field"))
            .toList();
  }

  private static CliAnalyticsServer start(Path data, String admin, Storage storage) {
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATA_DIR",
                data.toString(),
                "PORT",
                "0",
                "ADMIN_TOKEN",
                admin,
                "INFER_INTERVAL",
                "0"),
            data.resolve("none"));
    return CliAnalyticsServer.start(config, storage);
  }

  private static HttpResponse<String> post(String url, String body)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("apikey", SOURCE_ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("unchecked") // the summary is a JSON object
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) Json.parse(text.strip());
  }

  /** {@code TEST_DATABASE_URL}; the test is skipped without it, and fails under {@code CI=true}. */
  private static String postgresUrl() {
    String value = System.getenv("TEST_DATABASE_URL");
    if (value == null || value.isBlank()) {
      String reason = "TEST_DATABASE_URL is not set, so the PostgreSQL import test cannot run";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(reason);
      }
      Assumptions.abort(reason);
    }
    return value.strip();
  }
}
