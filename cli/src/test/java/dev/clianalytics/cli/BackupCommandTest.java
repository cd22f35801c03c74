package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cli-analytics backup DIR} against a serving, ingesting embedded server, then a restore
 * into a fresh DATA_DIR: everything acknowledged before the backup is there, nothing else than what
 * was acknowledged, and the same raw actor id hashes to the same stored id.
 */
class BackupCommandTest {
  private static final String ADMIN = "backup-admin-token-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  private static ServerConfig config(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("PORT", "0");
    env.put("ADMIN_TOKEN", ADMIN);
    env.put("INFER_INTERVAL", "0");
    // no HASH_SALT: the server generates one in DATA_DIR, which the backup must carry
    return ServerConfig.from(env, dataDir.resolve("no.env"));
  }

  private static Map<String, Object> event(String actor) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", UUID.randomUUID().toString());
    e.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60).toString());
    e.put("tool_name", "git");
    e.put("command_path", List.of("git", "push"));
    e.put("exit_code", 0);
    e.put("actor_id", actor);
    return e;
  }

  private static HttpResponse<String> send(int port, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + ADMIN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a batch and returns its event ids once acknowledged. */
  private static List<String> ingest(int port, List<Map<String, Object>> batch)
      throws IOException, InterruptedException {
    HttpResponse<String> r = send(port, "POST", "/ingest", Json.write(batch));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals((long) batch.size(), ((Map<?, ?>) Json.parse(r.body())).get("accepted"));
    return batch.stream().map(e -> (String) e.get("event_id")).toList();
  }

  /** Stored event id to stored (hashed) actor id. */
  private static Map<String, String> actors(int port) throws IOException, InterruptedException {
    HttpResponse<String> r = send(port, "GET", "/rest/v1/events?limit=100000", null);
    assertEquals(200, r.statusCode(), r.body());
    Map<String, String> out = new HashMap<>();
    for (Object row : (List<?>) Json.parse(r.body())) {
      Map<?, ?> payload = (Map<?, ?>) ((Map<?, ?>) row).get("payload");
      if (payload.get("event_id") != null) {
        out.put((String) payload.get("event_id"), (String) payload.get("actor_id"));
      }
    }
    return out;
  }

  @Test
  void backupWhileIngesting_restoresEverythingAcknowledgedBefore() throws Exception {
    Path original = dir.resolve("original");
    ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
    Map<String, String> originalActors;
    Set<String> before;
    String actor7;
    Path backup = dir.resolve("backup");
    try (CliAnalyticsServer server =
        CliAnalyticsServer.start(config(original), Storages.open(null, original))) {
      int port = server.port();
      List<Map<String, Object>> first = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        first.add(event("actor-" + (i % 20)));
      }
      acked.addAll(ingest(port, first));
      actor7 = (String) first.get(7).get("event_id");
      assertEquals(200, send(port, "POST", "/infer", null).statusCode());

      AtomicBoolean stop = new AtomicBoolean();
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      for (int n = 0; !stop.get() && n < 400; n++) {
                        List<Map<String, Object>> batch = new ArrayList<>();
                        for (int i = 0; i < 25; i++) {
                          batch.add(event("actor-" + (i % 20)));
                        }
                        acked.addAll(ingest(port, batch));
                      }
                    } catch (IOException | InterruptedException e) {
                      throw new IllegalStateException(e);
                    }
                  });
      while (acked.size() < 300) {
        Thread.sleep(5);
      }
      before = new HashSet<>(acked);
      int exit =
          Main.run(
              "backup", backup.toString(), "--url", "http://127.0.0.1:" + port, "--token", ADMIN);
      stop.set(true);
      writer.join(60_000);
      assertEquals(0, exit);
      originalActors = actors(port);
    }
    try (Stream<Path> files = Files.list(backup)) {
      Set<String> names = new HashSet<>(files.map(p -> p.getFileName().toString()).toList());
      assertTrue(names.contains("cli-analytics.duckdb"), names.toString());
      assertTrue(names.contains("hash-salt"), names.toString());
    }

    // restore: the backup's files into an empty DATA_DIR
    Path restored = Files.createDirectories(dir.resolve("restored"));
    try (Stream<Path> files = Files.list(backup)) {
      for (Path f : files.toList()) {
        Files.copy(f, restored.resolve(f.getFileName()));
      }
    }
    try (CliAnalyticsServer server =
        CliAnalyticsServer.start(config(restored), Storages.open(null, restored))) {
      int port = server.port();
      Map<String, String> back = actors(port);
      assertTrue(back.keySet().containsAll(before), "an acknowledged event is missing");
      assertTrue(new HashSet<>(acked).containsAll(back.keySet()), "an unknown event appeared");
      for (Map.Entry<String, String> e : back.entrySet()) {
        assertEquals(originalActors.get(e.getKey()), e.getValue(), "stored actor id changed");
      }
      // the same raw actor hashes to the same stored id after the restore
      Map<String, Object> again = event("actor-7");
      ingest(port, List.of(again));
      String sameActor = actors(port).get((String) again.get("event_id"));
      assertEquals(originalActors.get(actor7), sameActor, "actor-7 hashes differently");
      assertNotEquals("actor-7", sameActor);
      // reports answer from the restored data
      assertEquals(200, send(port, "POST", "/infer", null).statusCode());
      HttpResponse<String> summary = send(port, "GET", "/reports/summary", null);
      assertEquals(200, summary.statusCode(), summary.body());
      assertEquals((long) back.size() + 1, ((Map<?, ?>) Json.parse(summary.body())).get("events"));
    }
  }
}
