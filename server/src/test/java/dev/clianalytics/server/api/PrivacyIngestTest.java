package dev.clianalytics.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.privacy.FrameworkErrors;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.io.IOException;
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
  @Override
  protected Storage openStorage(Path dataDir) {
    return new InMemoryStorage();
  }

  @Override
  protected String databaseUrl() {
    return null;
  }

  @Test
  void frameworkCorpus_storedWithoutValues_andWithTheFrameworkWords() throws IOException {
    List<FrameworkErrors.Case> cases = FrameworkErrors.corpus();
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
      Map<?, ?> stored = row((String) events.get(i).get("event_id"));
      problems.addAll(
          FrameworkErrors.problems(
              cases.get(i), String.valueOf(stored), String.valueOf(stored.get("error_message"))));
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
