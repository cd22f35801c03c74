package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /ingest} end to end on the framework error corpus ({@code
 * core/src/test/resources/privacy/framework-errors.tsv}) and on hostile text: every event is stored
 * with no secret value and with the frameworks' words, and a hostile event costs at most itself.
 */
class PrivacyIngestTest extends ApiFixture {
  private static final List<String> VALUES =
      List.of(
          "letmein",
          "SummerTime",
          "hunter2",
          "Tr0ub4dor&3",
          "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
          "correct horse battery staple");

  @Override
  protected Storage openStorage(Path dataDir) {
    return new InMemoryStorage();
  }

  @Override
  protected String databaseUrl() {
    return null;
  }

  private record Case(String message, String value, List<String> keep) {}

  private static List<Case> corpus() throws IOException {
    Path root = Path.of(System.getenv().getOrDefault("CLI_ANALYTICS_REPO_ROOT", ".."));
    Path file = root.resolve("core/src/test/resources/privacy/framework-errors.tsv");
    List<Case> cases = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      String template = cols[2].replace("\\n", "\n").replace("\\t", "\t");
      List<String> keep = List.of(cols).subList(3, cols.length);
      boolean quoted = template.contains("'{V}'") || template.contains("\"{V}\"");
      if (!template.contains("{V}")) {
        cases.add(new Case(template, "", keep));
      }
      for (String value : VALUES) {
        if (template.contains("{V}") && (quoted || !value.contains(" "))) {
          cases.add(new Case(template.replace("{V}", value), value, keep));
        }
      }
    }
    return cases;
  }

  private static boolean containsWord(String text, String part) {
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      int end = i + part.length();
      boolean before = i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
      boolean after = end < text.length() && Character.isLetterOrDigit(text.charAt(end));
      if (!before && !after) {
        return true;
      }
    }
    return false;
  }

  @Test
  void frameworkCorpus_storedWithoutValues_andWithTheFrameworkWords() throws IOException {
    List<Case> cases = corpus();
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> e = Ev.recent("actor-" + i).json();
      e.put("error_message", cases.get(i).message());
      events.add(e);
    }
    Http.Response r = ingest(Json.write(events));
    assertEquals(200, r.status(), r.body());
    assertEquals((long) cases.size(), json(r).get("accepted"), r.body());
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Map<?, ?> stored = row((String) events.get(i).get("event_id"));
      String all = String.valueOf(stored);
      String message = String.valueOf(stored.get("error_message"));
      for (String part : c.value().isEmpty() ? List.<String>of() : List.of(c.value().split(" "))) {
        if (containsWord(all, part)) {
          problems.add("'" + part + "' stored: " + message);
        }
      }
      for (String word : c.keep()) {
        if (!message.contains(word)) {
          problems.add("lost '" + word + "': " + message);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void hostileText_isRedactedAlone_andTheRestOfTheBatchIsStored() {
    Map<String, Object> good1 = Ev.recent("alice").json();
    Map<String, Object> nested = Ev.recent("bob").json();
    nested.put("error_message", "bad config: " + "name=".repeat(20_000) + "hunter2");
    Map<String, Object> pairs = Ev.recent("carol").json();
    pairs.put("error_message", "user=a;".repeat(12_000) + "Password=hunter2");
    Map<String, Object> good2 = Ev.recent("dave").json();
    Http.Response r = ingest(Json.write(List.of(good1, nested, pairs, good2)));
    assertEquals(200, r.status(), r.body());
    assertEquals(4L, json(r).get("accepted"), r.body());
    for (Map<String, Object> e : List.of(nested, pairs)) {
      String stored = String.valueOf(row((String) e.get("event_id")));
      assertFalse(stored.contains("hunter2"), stored.substring(0, Math.min(300, stored.length())));
    }
    assertTrue(row((String) good2.get("event_id")) != null);
  }
}
