package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structure-aware fuzz cases next to the mutation fuzz of {@link EndpointFuzzTest}, on PostgreSQL
 * with tokens: crafted query parameter names against the report cache, text bound for CSV cells,
 * and document shapes that wrap identifiers (see the README's Reliability table).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StructuredFuzzTest {
  private static final long SEED = 20261204L;
  private static final String FORMULA_START = "=+-@\t\r";
  private static final Map<String, Set<String>> REPORTS =
      Map.of(
          "/reports/summary", Set.of(),
          "/reports/hot-paths", Set.of("limit"),
          "/reports/recovery", Set.of(),
          "/reports/versions", Set.of(),
          "/reports/trends", Set.of(),
          "/reports/nsm", Set.of("command", "include_ci", "weeks"));
  private static final Set<String> COMMON = Set.of("from", "to", "tool", "format");

  private TokenedPostgresServer server;
  private Http http;
  private final Random random = new Random(SEED);

  @BeforeAll
  void start(@TempDir Path dir) {
    server =
        TokenedPostgresServer.start(
            getClass(),
            dir,
            Map.of(
                "RATE_LIMIT_PER_TOKEN", "0", "RATE_LIMIT_PER_ADDRESS", "0", "INFER_INTERVAL", "0"));
    http = server.http();
    System.out.println("reliability: structured fuzz seed=" + SEED);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Http.Response read(String target) {
    return http.get(target, "Authorization", "Bearer " + TokenedPostgresServer.READ);
  }

  private Http.Response postRows(Object rows, String... extra) {
    List<String> headers =
        new ArrayList<>(
            List.of("Content-Type", "application/json", "apikey", TokenedPostgresServer.INGEST));
    headers.addAll(List.of(extra));
    return http.post("/rest/v1/events", Json.write(rows), headers.toArray(String[]::new));
  }

  private void ingestAndInfer(List<Map<String, Object>> events) {
    Http.Response r = http.postJson("/ingest", Json.write(events), TokenedPostgresServer.INGEST);
    assertEquals(200, r.status(), r.body());
    Http.Response inferred =
        http.post("/infer", "", "Authorization", "Bearer " + TokenedPostgresServer.ADMIN);
    assertEquals(200, inferred.status(), inferred.body());
  }

  private static Map<String, Object> event(
      String actor, int minute, String command, int exit, String version) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", UUID.randomUUID().toString());
    e.put(
        "timestamp",
        Instant.now().minus(1, ChronoUnit.DAYS).plus(minute, ChronoUnit.MINUTES).toString());
    e.put("tool_name", command.split(" ")[0]);
    e.put("tool_version", version);
    e.put("command_path", List.of(command.split(" ")));
    e.put("exit_code", exit);
    e.put("actor_id", actor);
    return e;
  }

  /** A parameter name built from report syntax: real names, separators, encodings, case. */
  private String craftedName() {
    String[] parts = {
      "from", "to", "tool", "format", "limit", "weeks", "=", "[", "]", ", ", "&", "?", "%", "FROM",
      "Format", " ", "\u0000", "ü"
    };
    StringBuilder name = new StringBuilder();
    int length = 1 + random.nextInt(5);
    for (int i = 0; i < length; i++) {
      name.append(parts[random.nextInt(parts.length)]);
    }
    return name.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void queryParameterNames_unknownAreRefused_andNeverChangeAnotherRequestsAnswer() {
    ingestAndInfer(
        List.of(
            event("q-a", 0, "terraform plan", 0, "1.0.0"),
            event("q-a", 1, "terraform apply", 1, "1.0.0"),
            event("q-b", 0, "git push", 0, "2.0.0")));
    String day = Instant.now().minus(1, ChronoUnit.DAYS).toString().substring(0, 10);
    List<String> normal = new ArrayList<>();
    for (String report : REPORTS.keySet()) {
      normal.add(report);
      normal.add(report + "?format=csv");
      normal.add(report + "?from=" + day + "&to=" + day);
      normal.add(report + "?from=2030-01-01&to=2030-01-31&format=csv");
    }
    Map<String, String> baseline = new LinkedHashMap<>();
    for (String target : normal) {
      Http.Response r = read(target);
      assertEquals(200, r.status(), target);
      baseline.put(target, r.contentType() + "\n" + r.body());
    }
    int refused = 0;
    for (int i = 0; i < 600; i++) {
      String report = List.copyOf(REPORTS.keySet()).get(random.nextInt(REPORTS.size()));
      String name = craftedName();
      String target =
          report
              + "?"
              + encode(name)
              + "="
              + encode(day)
              + (random.nextBoolean() ? "&format=csv" : "");
      Http.Response r = read(target);
      boolean known = COMMON.contains(name) || REPORTS.get(report).contains(name);
      if (!known) {
        assertEquals(400, r.status(), target + ": " + r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), target);
        refused++;
      } else {
        assertTrue(r.status() == 200 || r.status() == 400, target + ": " + r.status());
      }
      String check = normal.get(random.nextInt(normal.size()));
      Http.Response again = read(check);
      assertEquals(
          baseline.get(check), again.contentType() + "\n" + again.body(), "after " + target);
    }
    System.out.println("reliability: structured fuzz query names=600 refused=" + refused);
  }

  /** Version text that a spreadsheet would read as a formula, wrapped in CSV syntax. */
  private String csvBound() {
    String[] starts = {"=", "+", "-", "@", "\t", "\r", "=-", "+=", "-1+", "@@", " =", "\"=", "'"};
    String[] bodies = {
      "HYPERLINK(\"http://evil.example\",\"x\")",
      "1+2",
      "SUM(A1:A9)",
      "cmd|' /C calc'!A0",
      "2",
      ",\"\n",
      ";=1"
    };
    return starts[random.nextInt(starts.length)] + bodies[random.nextInt(bodies.length)];
  }

  @Test
  void csvBoundStrings_neverStartACellAsAFormula() {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String version = csvBound();
      events.add(event("c-" + i, i, "terraform plan", 0, version));
      events.add(event("c-" + i, i + 1, "terraform apply", i % 3 == 0 ? 1 : 0, version));
    }
    ingestAndInfer(events);
    int cells = 0;
    for (String report : REPORTS.keySet()) {
      Http.Response r = read(report + "?format=csv");
      assertEquals(200, r.status(), report);
      for (List<String> row : Csv.parse(r.body())) {
        for (String cell : row) {
          cells++;
          boolean formula = !cell.isEmpty() && FORMULA_START.indexOf(cell.charAt(0)) >= 0;
          assertFalse(formula && !cell.matches("-[0-9.]+(E-?[0-9]+)?"), report + ": " + cell);
        }
      }
    }
    System.out.println("reliability: structured fuzz csv cells=" + cells + " formulas=0");
  }

  /** A document of random shape naming {@code actor} under identifier keys at random depths. */
  private Object shape(String actor, int depth) {
    String[] keys = {"actor_id", "machine_id", "session_hint", "actorId", "ACTOR_ID", "machine-id"};
    Object id =
        switch (random.nextInt(4)) {
          case 0 -> actor;
          case 1 -> List.of(actor, "second-" + actor);
          case 2 -> Map.of("id", actor, "nested", List.of(Map.of("deeper", actor)));
          default -> Map.of("list", List.of(List.of(actor)));
        };
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "shape-" + random.nextInt(5));
    doc.put(keys[random.nextInt(keys.length)], id);
    if (depth > 0) {
      doc.put(
          random.nextBoolean() ? "meta" : "items",
          random.nextBoolean() ? shape(actor, depth - 1) : List.of(shape(actor, depth - 1)));
    }
    return doc;
  }

  @Test
  void documentShapes_keepNoRawIdentifier_areErasedWithTheActor_andAnErrorStoresNothing() {
    int stored = 0;
    for (int i = 0; i < 40; i++) {
      String actor = "shape-actor-" + i + "-" + UUID.randomUUID();
      List<Object> rows = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int d = 0; d < count; d++) {
        // an identifier field at the top level makes the row an event attempt, never a document
        rows.add(Map.of("payload", Map.of("report", shape(actor, random.nextInt(4)))));
      }
      int before = allRows().size();
      Http.Response refused =
          postRows(
              rows.size() == 1 ? List.of(rows.get(0), rows.get(0)) : rows,
              "Prefer",
              "return=representation",
              "Accept",
              "application/vnd.pgrst.object+json");
      assertEquals(406, refused.status(), refused.body());
      assertEquals(before, allRows().size(), "a refused request stored nothing");

      Http.Response r = postRows(rows);
      assertEquals(201, r.status(), r.body());
      stored += count;
      String text = Json.write(allRows());
      assertFalse(text.contains(actor), "a raw identifier was stored: " + actor);

      Http.Response erased =
          http.delete("/actors/" + actor, "Authorization", "Bearer " + TokenedPostgresServer.ADMIN);
      assertEquals(200, erased.status(), erased.body());
      assertEquals(
          (long) count,
          ((Number) ((Map<?, ?>) Json.parse(erased.body())).get("deleted")).longValue(),
          erased.body());
    }
    System.out.println(
        "reliability: structured fuzz documents=" + stored + " raw_ids_stored=0 erased=" + stored);
  }

  private List<?> allRows() {
    Http.Response r = read("/rest/v1/events?limit=10000");
    assertEquals(200, r.status(), r.body());
    return (List<?>) Json.parse(r.body());
  }

  /** RFC 4180 reading, enough for the server's CSV. */
  static final class Csv {
    static List<List<String>> parse(String text) {
      List<List<String>> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            cell.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          row.add(cell.toString());
          cell.setLength(0);
        } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          row.add(cell.toString());
          cell.setLength(0);
          rows.add(row);
          row = new ArrayList<>();
          i++;
        } else {
          cell.append(c);
        }
      }
      return rows;
    }
  }
}
