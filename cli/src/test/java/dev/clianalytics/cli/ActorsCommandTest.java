package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cli-analytics actors delete} against a real server on the embedded database. */
class ActorsCommandTest {
  private static final String ADMIN = "admin-token-for-cli";

  @TempDir Path dir;
  private CliAnalyticsServer server;
  private String url;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void start() {
    ServerConfig config =
        ServerConfig.from(
            Map.of("DATA_DIR", dir.toString(), "PORT", "0", "ADMIN_TOKEN", ADMIN),
            dir.resolve("none"));
    server = CliAnalyticsServer.start(config, Storages.open(null, dir));
    url = "http://127.0.0.1:" + server.port();
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    System.setOut(originalOut);
    System.setErr(originalErr);
    server.close();
  }

  @Test
  void actorsDelete_withAdminToken_erasesAndSaysHowMany() throws Exception {
    post(
        Map.of(
            "timestamp",
            Instant.now().toString(),
            "tool_name",
            "git",
            "command_path",
            List.of("git", "push"),
            "exit_code",
            0,
            "actor_id",
            "someone@example.com"));
    int exit = Main.run("actors", "delete", "someone@example.com", "--url", url, "--token", ADMIN);
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    assertEquals("erased: 1 rows removed", out.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void actorsDelete_withoutToken_failsWithTheServersReason() {
    int exit = Main.run("actors", "delete", "someone", "--url", url);
    assertEquals(1, exit);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("401"), err.toString());
  }

  private void post(Map<String, Object> event) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url + "/ingest"))
                  .header("Authorization", "Bearer " + ADMIN)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Json.write(event)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
    }
  }
}
