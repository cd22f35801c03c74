package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walkthrough commands against a real server on the embedded database: {@code
 * generate-sample}, {@code infer}, the five {@code report} commands (compared with the API's own
 * answers), the {@code CLI_ANALYTICS_URL}/{@code CLI_ANALYTICS_TOKEN} defaults (in a child process,
 * which alone can be given an environment) and {@code migrate}.
 */
class ServerCommandsTest {
  private static final String ADMIN = "admin-token-for-report-commands";
  private static final int EVENTS = 3_000;

  @TempDir static Path dir;
  private static CliAnalyticsServer server;
  private static String url;
  private static Path sample;
  private static Map<String, Object> firstInference;

  @BeforeAll
  static void startAndLoadASample() throws IOException {
    Path data = Files.createDirectories(dir.resolve("server"));
    ServerConfig config =
        ServerConfig.from(
            Map.of(
                "DATA_DIR",
                data.toString(),
                "PORT",
                "0",
                "ADMIN_TOKEN",
                ADMIN,
                "INFER_INTERVAL",
                "0"),
            data.resolve("none"));
    server = CliAnalyticsServer.start(config, Storages.open(null, data));
    url = "http://127.0.0.1:" + server.port();
    sample = dir.resolve("events.jsonl");
    CommandRun gen = generate(sample, 42);
    assertEquals(0, gen.exitCode(), gen.err());
    CommandRun post =
        CommandRun.of("", "post-events", sample.toString(), "--url", url, "--token", ADMIN);
    assertEquals(0, post.exitCode(), post.err());
    CommandRun infer = CommandRun.of("", "infer", "--json", "--url", url, "--token", ADMIN);
    assertEquals(0, infer.exitCode(), infer.err());
    firstInference = json(infer.out());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static CommandRun generate(Path file, long seed) {
    return CommandRun.of(
        "",
        "generate-sample",
        "-o",
        file.toString(),
        "--events",
        Integer.toString(EVENTS),
        "--seed",
        Long.toString(seed),
        "--end",
        LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
  }

  @SuppressWarnings("unchecked") // JSON objects are Map<String, Object>
  private static Map<String, Object> json(String text) {
    return (Map<String, Object>) Json.parse(text.strip());
  }

  private static Map<String, Object> api(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + path))
                    .header("Authorization", "Bearer " + ADMIN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return json(r.body());
  }

  @Test
  void nsmUpload_toARealServer_storesTheWeeksNsmAggregatePrints() throws Exception {
    CommandRun upload =
        CommandRun.of(
            "",
            "nsm",
            "upload",
            sample.toString(),
            "--events-url",
            url + "/rest/v1/events",
            "--events-token",
            ADMIN);
    assertEquals(0, upload.exitCode(), upload.err());
    CommandRun aggregate = CommandRun.of("", "nsm", "aggregate", sample.toString(), "--json");
    assertEquals(0, aggregate.exitCode(), aggregate.err());

    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(url + "/rest/v1/events?payload-%3E%3Etype=eq.nsm_weekly_totals"))
                    .header("Authorization", "Bearer " + ADMIN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    List<?> rows = (List<?>) Json.parse(r.body());
    assertEquals(1, rows.size(), r.body());
    Map<?, ?> stored = (Map<?, ?>) ((Map<?, ?>) rows.get(0)).get("payload");
    assertEquals(json(aggregate.out()).get("weeks"), stored.get("weeks"));
  }

  @Test
  void generateSample_writesTheAskedNumberOfEvents_sameSeedSameFile() throws IOException {
    List<String> lines = Files.readAllLines(sample);
    assertEquals(EVENTS, lines.size());
    assertTrue(lines.stream().allMatch(l -> json(l).containsKey("event_id")), lines.get(0));

    Path again = dir.resolve("again.jsonl");
    Path other = dir.resolve("other.jsonl");
    assertEquals(0, generate(again, 42).exitCode());
    assertEquals(0, generate(other, 43).exitCode());
    assertEquals(Files.readString(sample), Files.readString(again));
    assertNotEquals(Files.readString(sample), Files.readString(other));
  }

  @Test
  void infer_processesEveryPostedEvent_thenNothingNew() {
    assertEquals((long) EVENTS, firstInference.get("events_processed"));
    assertTrue((Long) firstInference.get("sessions") > 0, firstInference.toString());
    assertTrue((Long) firstInference.get("workflow_runs") > 0, firstInference.toString());

    CommandRun again = CommandRun.of("", "infer", "--url", url, "--token", ADMIN);
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().startsWith("inference: 0 events processed"), again.out());

    CommandRun full =
        CommandRun.of("", "infer", "--full", "--json", "--url", url, "--token", ADMIN);
    Map<String, Object> fullRun = json(full.out());
    assertEquals(true, fullRun.get("full"));
    assertEquals((long) EVENTS, fullRun.get("events_processed"));
    assertEquals(firstInference.get("sessions"), fullRun.get("sessions"));
  }

  @Test
  void reportJson_isTheApisAnswer_forEveryReport() throws Exception {
    String[][] reports = {
      {"summary"},
      {"workflow", "apply_workflow"},
      {"hot-paths"},
      {"nsm"},
      {"versions"},
      {"adoption"},
      {"platforms"}
    };
    String[] paths = {
      "/reports/summary",
      "/reports/workflows/apply_workflow",
      "/reports/hot-paths",
      "/reports/nsm?weeks=12",
      "/reports/versions",
      "/reports/adoption",
      "/reports/platforms"
    };
    for (int i = 0; i < reports.length; i++) {
      List<String> args = new ArrayList<>(List.of("report"));
      args.addAll(List.of(reports[i]));
      args.addAll(List.of("--json", "--url", url, "--token", ADMIN));
      CommandRun run = CommandRun.of("", args.toArray(String[]::new));
      assertEquals(0, run.exitCode(), String.join(" ", reports[i]) + ": " + run.err());
      Map<String, Object> fromCli = json(run.out());
      fromCli.remove("generated_at");
      Map<String, Object> fromApi = api(paths[i]);
      fromApi.remove("generated_at");
      assertEquals(fromApi, fromCli, String.join(" ", reports[i]));
    }
  }

  @Test
  void reportText_showsTheApisFigures() throws Exception {
    CommandRun versions = CommandRun.of("", "report", "versions", "--url", url, "--token", ADMIN);
    assertEquals(0, versions.exitCode(), versions.err());
    List<?> workflows = (List<?>) api("/reports/versions").get("workflows");
    assertFalse(workflows.isEmpty());
    for (Object w : workflows) {
      for (Object v : (List<?>) ((Map<?, ?>) w).get("versions")) {
        String version = (String) ((Map<?, ?>) v).get("version");
        assertTrue(versions.out().contains(version), version + " in " + versions.out());
      }
    }

    CommandRun workflow =
        CommandRun.of("", "report", "workflow", "apply_workflow", "--url", url, "--token", ADMIN);
    assertEquals(0, workflow.exitCode(), workflow.err());
    Map<?, ?> outcomes = (Map<?, ?>) api("/reports/workflows/apply_workflow").get("outcomes");
    for (Object count : outcomes.values()) {
      assertTrue(workflow.out().contains(Format.count(count)), count + " in " + workflow.out());
    }
  }

  @Test
  void reportText_adoptionAndPlatforms_showTheApisRows() throws Exception {
    CommandRun adoption = CommandRun.of("", "report", "adoption", "--url", url, "--token", ADMIN);
    assertEquals(0, adoption.exitCode(), adoption.err());
    List<?> weeks = (List<?>) api("/reports/adoption").get("weeks");
    assertFalse(weeks.isEmpty());
    for (Object w : weeks) {
      Map<?, ?> row = (Map<?, ?>) w;
      assertTrue(
          adoption
              .out()
              .lines()
              .anyMatch(
                  l ->
                      l.contains((String) row.get("week"))
                          && l.contains((String) row.get("tool_version"))
                          && l.contains(Format.count(row.get("active_users")))),
          row + " in " + adoption.out());
    }

    CommandRun platforms = CommandRun.of("", "report", "platforms", "--url", url, "--token", ADMIN);
    assertEquals(0, platforms.exitCode(), platforms.err());
    List<?> rows = (List<?>) api("/reports/platforms").get("platforms");
    assertFalse(rows.isEmpty());
    for (Object p : rows) {
      Map<?, ?> row = (Map<?, ?>) p;
      assertTrue(
          platforms
              .out()
              .lines()
              .anyMatch(
                  l ->
                      l.contains((String) row.get("os"))
                          && l.contains((String) row.get("arch"))
                          && l.contains(Format.count(row.get("events")))),
          row + " in " + platforms.out());
    }
  }

  @Test
  void report_unknownWorkflow_exitsOneWithTheServersProblem() {
    CommandRun run =
        CommandRun.of("", "report", "workflow", "no_such_workflow", "--url", url, "--token", ADMIN);
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("error: report failed"), run.err());
  }

  @Test
  void environment_givesTheDefaultUrlAndToken_andFlagsWin() throws Exception {
    Child ok =
        child(
            Map.of("CLI_ANALYTICS_URL", url, "CLI_ANALYTICS_TOKEN", ADMIN),
            "report",
            "summary",
            "--json");
    assertEquals(0, ok.exitCode, ok.err);
    Map<String, Object> summary = json(ok.out);
    summary.remove("generated_at");
    Map<String, Object> expected = api("/reports/summary");
    expected.remove("generated_at");
    assertEquals(expected, summary);

    Child wrongToken =
        child(
            Map.of("CLI_ANALYTICS_URL", url, "CLI_ANALYTICS_TOKEN", "not-the-token"),
            "report",
            "summary",
            "--json");
    assertEquals(1, wrongToken.exitCode, wrongToken.err);
    assertTrue(wrongToken.err.contains("401"), wrongToken.err);

    Child flagWins =
        child(
            Map.of("CLI_ANALYTICS_URL", "http://127.0.0.1:9", "CLI_ANALYTICS_TOKEN", "wrong"),
            "report",
            "summary",
            "--json",
            "--url",
            url,
            "--token",
            ADMIN);
    assertEquals(0, flagWins.exitCode, flagWins.err);
  }

  @Test
  void migrate_createsTheEmbeddedSchema_andRefusesASchemaNewerThanItKnows() throws Exception {
    Path data = Files.createDirectories(dir.resolve("migrate"));
    Map<String, String> env =
        Map.of("DATA_DIR", data.toString(), "HASH_SALT", "migrate-salt-0123456789");

    Child first = child(env, "migrate");
    assertEquals(0, first.exitCode, first.err);
    assertEquals("migrations applied to the embedded database in " + data, first.out.strip());
    int newest;
    try (Connection c = duckdb(data);
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT max(version), count(*) FROM schema_migrations");
      rs.next();
      newest = rs.getInt(1);
      assertEquals(newest, rs.getInt(2), "every version from 1 applied once");
      assertTrue(newest > 0);
      s.execute(
          "INSERT INTO schema_migrations VALUES (" + (newest + 1) + ", 'from the future', now())");
    }

    Child refused = child(env, "migrate");
    assertEquals(1, refused.exitCode, refused.out);
    assertTrue(
        refused.err.contains(
            "the database schema is at version "
                + (newest + 1)
                + " but this server knows only "
                + newest),
        refused.err);
    assertFalse(refused.err.contains("\tat "), "no stack trace: " + refused.err);

    Map<String, String> serveEnv = new java.util.HashMap<>(env);
    serveEnv.put("PORT", "0");
    Child serveRefused = child(serveEnv, "serve");
    assertEquals(1, serveRefused.exitCode, serveRefused.out);
    assertTrue(
        serveRefused.err.contains("error: the database schema is at version " + (newest + 1)),
        serveRefused.err);
    assertFalse(serveRefused.err.contains("\tat "), "no stack trace: " + serveRefused.err);
  }

  @Test
  void backup_withNoServerRunning_copiesTheDataDirectory() throws Exception {
    Path data = Files.createDirectories(dir.resolve("backup-data"));
    Map<String, String> env = Map.of("DATA_DIR", data.toString());
    Child migrated = child(env, "migrate");
    assertEquals(0, migrated.exitCode, migrated.err);
    try (Connection c = duckdb(data);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO documents VALUES (gen_random_uuid(), 1, now(), '{\"kept\": 1}')");
    }
    Path target = dir.resolve("backup-copy");
    // nothing listens on port 1: the command works on DATA_DIR itself
    Child backup = child(env, "backup", target.toString(), "--url", "http://127.0.0.1:1");
    assertEquals(0, backup.exitCode, backup.err);
    assertEquals(
        Files.readString(data.resolve("hash-salt")), Files.readString(target.resolve("hash-salt")));
    try (Connection c = duckdb(target);
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT count(*) FROM documents");
      rs.next();
      assertEquals(1, rs.getInt(1));
    }
    Child again = child(env, "backup", target.toString(), "--url", "http://127.0.0.1:1");
    assertEquals(1, again.exitCode, again.out);
    assertTrue(again.err.contains("is not empty"), again.err);
    Path second = dir.resolve("backup-json");
    Child json = child(env, "backup", second.toString(), "--url", "http://127.0.0.1:1", "--json");
    assertEquals(0, json.exitCode, json.err);
    Map<?, ?> answer = (Map<?, ?>) Json.parse(json.out.strip());
    assertEquals(true, answer.get("hash_salt"));
    assertTrue(((List<?>) answer.get("files")).contains("cli-analytics.duckdb"), json.out);
  }

  private static Connection duckdb(Path data) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:duckdb:" + data.resolve(Storages.EMBEDDED_FILE).toAbsolutePath());
  }

  private record Child(int exitCode, String out, String err) {}

  /** Runs the CLI in a child JVM with exactly {@code env} added to a clean environment. */
  private static Child child(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("CLI_ANALYTICS_") || k.equals("DATABASE_URL"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("cli-analytics " + String.join(" ", args) + " did not finish");
    }
    return new Child(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
