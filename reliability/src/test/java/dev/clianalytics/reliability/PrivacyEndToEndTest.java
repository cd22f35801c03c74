package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.CommandRun;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Privacy end to end: events full of secrets go in through every door (the SDK with its spool,
 * {@code cli-analytics exec}, a careless client posting raw events to {@code /ingest} and {@code
 * /rest/v1/events}, invalid requests, secret-looking tokens, erasure by raw id), and nothing secret
 * comes out anywhere: not in the database read directly, not in any API answer, not in the server's
 * DEBUG log, not in the client's spool or config files.
 */
class PrivacyEndToEndTest {
  private static final String INGEST = "ingest-token-privacy-0001";
  private static final String READ = "read-token-privacy-0002";
  private static final String ADMIN = "admin-token-privacy-0003";
  private static final String SALT = "privacy-e2e-salt-0123456789";
  private static final int RAW_EVENTS = 260;
  private static final int SDK_EVENTS = 26;

  @TempDir Path dir;

  private final PlantedSecrets planted = new PlantedSecrets(20261122L);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgres", "clickhouse", "duckdb"})
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void secrets_neverReachDatabaseApiLogsOrSpool(String database) throws Exception {
    TestPostgres pg = database.equals("postgres") ? TestPostgres.create(getClass()) : null;
    TestClickHouse ch = database.equals("clickhouse") ? TestClickHouse.create(getClass()) : null;
    try {
      run(pg, ch);
    } finally {
      if (pg != null) {
        pg.close();
      }
      if (ch != null) {
        ch.close();
      }
    }
  }

  private void run(TestPostgres pg, TestClickHouse ch) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    int port = ServerProcess.freePort();
    String ingestUrl = "http://127.0.0.1:" + port + "/ingest";

    // 1. The SDK records while the server is not there yet: everything lands in the spool.
    Map<String, String> sdkEnv = sdkEnv(home, ingestUrl);
    record(sdkEnv, SDK_EVENTS);
    List<Path> spool = files(home.resolve("cache"));
    assertTrue(lineCount(spool) >= SDK_EVENTS, "the refused events were spooled: " + spool);
    Leaks clientSide = new Leaks(clientForbidden());
    scanFiles(clientSide, "client file", home);

    // 2. The server starts on that port (DEBUG logging) and a later SDK run delivers the spool.
    Map<String, String> env = new HashMap<>();
    env.put("PORT", Integer.toString(port));
    env.put("DATA_DIR", dataDir.toString());
    env.put("HASH_SALT", SALT);
    env.put("INGEST_TOKENS", INGEST);
    env.put("READ_TOKENS", READ);
    env.put("ADMIN_TOKEN", ADMIN);
    env.put("LOG_LEVEL", "DEBUG");
    env.put("INFER_INTERVAL", "0");
    if (pg != null) {
      env.put("DATABASE_URL", pg.databaseUrl());
    }
    if (ch != null) {
      env.put("DATABASE_URL", ch.databaseUrl());
    }
    List<String> answers = new ArrayList<>();
    int stored;
    long erased;
    String logText;
    try (ServerProcess server = ServerProcess.start(env, dir.resolve("server"))) {
      Http http = new Http(server.port());
      record(sdkEnv, 1);
      assertEquals(0, lineCount(files(home.resolve("cache"))), "the spool was delivered");
      scanFiles(clientSide, "client file", home);

      // 3. cli-analytics exec with secrets in argv.
      runExec(home, ingestUrl);

      // 4. A careless client posting raw events, and everything else that could echo a value.
      answers.addAll(sendRawEvents(http));
      answers.addAll(sendBadInput(http));
      erased = eraseOneActor(http, answers);

      assertEquals(200, http.post("/infer?full=true", "", auth(ADMIN)).status());
      answers.addAll(readEverything(http));
      stored = storedEvents(http);
      server.stop();
      logText = server.output();
    }
    assertEquals(
        RAW_EVENTS + SDK_EVENTS + 2,
        stored + erased,
        "every secret-laden event was stored (sanitized) or erased, so the scan means something");

    Leaks serverSide = new Leaks(serverForbidden(home));
    for (int i = 0; i < answers.size(); i++) {
      serverSide.scan("API answer #" + i, answers.get(i));
    }
    assertTrue(logText.contains("listening on port"), "the log was captured");
    serverSide.scan("server log", logText);
    if (ch != null) {
      scanClickHouse(serverSide, ch);
    } else {
      scanDatabase(serverSide, pg, dataDir);
    }
    scanFiles(serverSide, "data file", dataDir);

    System.out.printf(
        "reliability: privacy database=%s events_stored=%d secrets_planted=%d texts_scanned=%d"
            + " chars_scanned=%d leaks=%d%n",
        pg != null ? "postgres" : ch != null ? "clickhouse" : "duckdb",
        stored,
        planted.needles().size(),
        serverSide.textsScanned() + clientSide.textsScanned(),
        serverSide.charsScanned() + clientSide.charsScanned(),
        serverSide.found().size() + clientSide.found().size());
    assertEquals(List.of(), clientSide.found(), "the client's files leak");
    assertEquals(List.of(), serverSide.found(), "the server leaks");
  }

  private Map<String, String> sdkEnv(Path home, String url) {
    Map<String, String> env = new HashMap<>();
    env.put("EVENTS_ENABLED", "1");
    env.put("EVENTS_URL", url);
    env.put("EVENTS_TOKEN", INGEST);
    env.put("EVENTS_FLUSH_TIMEOUT_MS", "2000");
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    return env;
  }

  /** One SDK "run" of the tool: {@code n} failing commands whose details are full of secrets. */
  private void record(Map<String, String> env, int n) {
    try (CliAnalytics analytics = CliAnalytics.start("deploytool", "2.0.1", List.of(), env)) {
      for (int i = 0; i < n; i++) {
        CommandRun run =
            CommandRun.of(1, "push", planted.marker(), "--token=" + planted.marker())
                .withFlags("--password=" + planted.marker(), "--force", "-p" + planted.marker())
                .withError(new IOException(planted.message(i)));
        analytics.recordEvent(run);
      }
    }
  }

  private void runExec(Path home, String ingestUrl) throws Exception {
    Path tool = dir.resolve("bin").resolve("deploytool");
    Files.createDirectories(tool.getParent());
    Files.writeString(tool, "#!/bin/sh\nexit 3\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.clianalytics.cli.Main",
            "exec",
            "--",
            tool.toString(),
            "push",
            "https://u:" + planted.marker() + "@git.example.com/x.git",
            "--password=" + planted.marker(),
            "--token",
            planted.marker(),
            "/home/zorbax/" + planted.marker());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(sdkEnv(home, ingestUrl));
    Path output = dir.resolve("exec.out");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exec finished");
    assertEquals(3, process.exitValue(), "exec returns the program's exit code");
    assertEquals("", Files.readString(output), "exec with telemetry prints nothing of its own");
  }

  private List<String> sendRawEvents(Http http) {
    List<String> answers = new ArrayList<>();
    List<Map<String, Object>> events = planted.events(RAW_EVENTS);
    int half = RAW_EVENTS / 2;
    Http.Response ingest =
        http.post("/ingest", Json.write(events.subList(0, half)), contentJson(INGEST));
    assertEquals(200, ingest.status(), ingest.body());
    answers.add(ingest.body());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> e : events.subList(half, RAW_EVENTS)) {
      rows.add(Map.of("payload", e));
    }
    Http.Response rest =
        http.post(
            "/rest/v1/events",
            Json.write(rows),
            "Content-Type",
            "application/json",
            "apikey",
            INGEST,
            "Prefer",
            "return=representation");
    assertEquals(201, rest.status(), rest.body());
    answers.add(rest.body());
    Map<String, Object> document =
        Map.of(
            "command",
            "deploytool",
            "uploaded_by",
            planted.rawId("zorbax." + planted.marker() + "@corp.example.com"),
            "notes",
            planted.message(5) + " / " + planted.message(6),
            "api_key",
            planted.marker(),
            "meta",
            Map.of("actor_id", planted.rawId("meta-actor-" + planted.marker())));
    Http.Response doc =
        http.post(
            "/rest/v1/events",
            Json.write(Map.of("payload", document)),
            "Content-Type",
            "application/json",
            "apikey",
            INGEST,
            "Prefer",
            "return=representation");
    assertEquals(201, doc.status(), doc.body());
    answers.add(doc.body());
    return answers;
  }

  /** Requests the server must refuse without repeating what they carried. */
  private List<String> sendBadInput(Http http) {
    List<String> answers = new ArrayList<>();
    Map<String, Object> late = planted.event(1, planted.rawId("late." + planted.marker()));
    late.put("timestamp", "2001-01-01T00:00:00Z");
    Map<String, Object> typed = planted.event(2, planted.rawId("typed." + planted.marker()));
    typed.put("exit_code", planted.message(3));
    answers.add(http.post("/ingest", Json.write(List.of(late, typed)), contentJson(INGEST)).body());
    String truncated = Json.write(planted.event(3, planted.rawId("cut." + planted.marker())));
    answers.add(
        http.post("/ingest", truncated.substring(0, truncated.length() / 2), contentJson(INGEST))
            .body());
    answers.add(http.post("/ingest", truncated, contentJson(planted.marker())).body());
    answers.add(http.post("/ingest", truncated, "apikey", planted.message(10)).body());
    answers.add(
        http.post(
                "/rest/v1/events",
                Json.write(List.of(Map.of("payload", late))),
                "Content-Type",
                "application/json",
                "apikey",
                INGEST)
            .body());
    // A report error may repeat the value its own request carried (the caller sees what was
    // wrong), so these carry no planted secret: they check that errors repeat nothing stored.
    answers.add(http.get("/reports/workflows/no-such-flow", auth(READ)).body());
    answers.add(http.get("/reports/summary?tool=nosuchtool", auth(READ)).body());
    answers.add(http.get("/reports/summary?from=yesterday", auth(READ)).body());
    return answers;
  }

  /** Erases the first raw actor by its raw id; returns how many events that removed. */
  private long eraseOneActor(Http http, List<String> answers) {
    Http.Response erase = http.delete("/actors/" + encode(planted.actor(0)), auth(ADMIN));
    assertEquals(200, erase.status(), erase.body());
    answers.add(erase.body());
    return (Long) ((Map<?, ?>) Json.parse(erase.body())).get("deleted");
  }

  private List<String> readEverything(Http http) {
    List<String> answers = new ArrayList<>();
    String[] reports = {
      "/reports/summary",
      "/reports/hot-paths",
      "/reports/recovery",
      "/reports/nsm",
      "/reports/versions",
      "/reports/trends"
    };
    for (String report : reports) {
      answers.add(read(http, report));
      answers.add(read(http, report + "?format=csv"));
    }
    Map<?, ?> summary = (Map<?, ?>) Json.parse(read(http, "/reports/summary"));
    for (Object row : (List<?>) summary.get("workflows")) {
      String name = (String) ((Map<?, ?>) row).get("name");
      answers.add(read(http, "/reports/workflows/" + name));
      answers.add(read(http, "/reports/workflows/" + name + "?format=csv"));
    }
    answers.add(read(http, "/workflows"));
    answers.add(read(http, "/rest/v1/events?limit=10000"));
    answers.add(http.get("/metrics").body());
    answers.add(http.get("/health").body());
    return answers;
  }

  private int storedEvents(Http http) {
    List<?> rows = (List<?>) Json.parse(read(http, "/rest/v1/events?limit=10000"));
    int events = 0;
    for (Object row : rows) {
      if (((Map<?, ?>) ((Map<?, ?>) row).get("payload")).containsKey("tool_name")) {
        events++;
      }
    }
    return events;
  }

  private static String read(Http http, String path) {
    Http.Response r = http.get(path, auth(READ));
    assertEquals(200, r.status(), path + ": " + r.body());
    return r.body();
  }

  /** The client may send identifiers in their SHA-256 form, but never raw. */
  private List<String> clientForbidden() {
    List<String> forbidden = new ArrayList<>(planted.needles());
    forbidden.addAll(planted.rawIds());
    forbidden.add(INGEST);
    return forbidden;
  }

  /**
   * The server stores keyed hashes, so neither the raw ids nor their plain SHA-256 may appear; nor
   * the SDK's install secret, which never leaves the machine (only a per-tool HMAC of it does).
   */
  private List<String> serverForbidden(Path home) throws IOException {
    List<String> forbidden = new ArrayList<>(planted.needles());
    forbidden.add(Files.readString(home.resolve("config/cli-analytics/install-id")).strip());
    for (String id : planted.rawIds()) {
      forbidden.add(id);
      forbidden.add(Privacy.sha256Form(id));
    }
    forbidden.addAll(List.of(INGEST, READ, ADMIN, SALT));
    return forbidden;
  }

  private static void scanFiles(Leaks leaks, String kind, Path root) throws IOException {
    for (Path file : files(root)) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      leaks.scan(kind + " " + root.relativize(file), text);
    }
  }

  /** Every row of every ClickHouse table, read directly over HTTP, unescaped. */
  private static void scanClickHouse(Leaks leaks, TestClickHouse ch) {
    List<String> tables = ch.sql("SHOW TABLES").lines().filter(t -> !t.isBlank()).toList();
    assertTrue(tables.contains("events"), "found the tables: " + tables);
    for (String table : tables) {
      leaks.scan("table " + table, ch.sql("SELECT * FROM " + table + " FORMAT TabSeparatedRaw"));
    }
  }

  /** Every row of every table, read directly over JDBC, each column as text. */
  private static void scanDatabase(Leaks leaks, TestPostgres pg, Path dataDir) throws Exception {
    try (Connection c = pg != null ? pg.connect() : duckDb(dataDir)) {
      String schema = pg != null ? pg.schema() : "main";
      List<String> tables = new ArrayList<>();
      try (var s =
          c.prepareStatement(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
        s.setString(1, schema);
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      }
      assertTrue(tables.contains("events"), "found the tables: " + tables);
      for (String table : tables) {
        StringBuilder text = new StringBuilder();
        try (var s = c.createStatement();
            var rs = s.executeQuery("SELECT * FROM " + schema + "." + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              text.append(rs.getString(i)).append('\t');
            }
            text.append('\n');
          }
        }
        leaks.scan("table " + table, text.toString());
      }
    }
  }

  private static Connection duckDb(Path dataDir) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection(
        "jdbc:duckdb:" + dataDir.resolve("cli-analytics.duckdb"), readOnly);
  }

  private static List<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static long lineCount(List<Path> files) throws IOException {
    long lines = 0;
    for (Path f : files) {
      if (f.getFileName().toString().startsWith("spool")) {
        lines += Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
      }
    }
    return lines;
  }

  private static String[] auth(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  private static String[] contentJson(String token) {
    return new String[] {"Content-Type", "application/json", "Authorization", "Bearer " + token};
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
