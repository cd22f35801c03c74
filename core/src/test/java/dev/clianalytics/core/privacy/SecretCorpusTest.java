package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every secret of {@code secrets.tsv} (provider tokens, keys, PEM blocks, credentials in URLs,
 * connection strings, emails, paths, addresses, secret assignments, high-entropy strings) inside
 * every realistic message of {@code message-templates.txt}, and every argv of {@code
 * argv-secrets.tsv}: no sensitive part may survive anywhere in what the client sends.
 */
class SecretCorpusTest {
  private static final List<Corpus.Row> SECRETS = Corpus.tsv("secrets.tsv", 2);
  private static final List<String> TEMPLATES = Corpus.lines("message-templates.txt");

  @Test
  void corpus_isBroad() {
    assertTrue(SECRETS.size() >= 400, "secrets: " + SECRETS.size());
    assertTrue(TEMPLATES.size() >= 25, "templates: " + TEMPLATES.size());
  }

  @Test
  void secretsInsideErrorMessages_neverSurvive() {
    List<String> leaks = new ArrayList<>();
    for (Corpus.Row row : SECRETS) {
      String secret = row.head().get(1).replace("\\n", "\n");
      for (String template : TEMPLATES) {
        String message = template.replace("{}", secret);
        String out = ErrorText.errorMessage(message);
        for (String part : row.rest()) {
          if (out.contains(part)) {
            leaks.add(row.head().get(0) + ": " + part + " survived in: " + out);
          }
        }
      }
    }
    assertEquals(List.of(), leaks.subList(0, Math.min(12, leaks.size())), leaks.size() + " leaks");
  }

  @Test
  void secretsAsErrorTypes_neverSurvive() {
    List<String> leaks = new ArrayList<>();
    for (Corpus.Row row : SECRETS) {
      String out = ErrorText.errorType(row.head().get(1).replace("\\n", "\n"));
      for (String part : row.rest()) {
        if (out.contains(part)) {
          leaks.add(row.head().get(0) + ": " + part + " survived in: " + out);
        }
      }
    }
    assertEquals(List.of(), leaks);
  }

  @Test
  void secretsInArgv_neverSurviveInPathFlagsOrMessage() {
    List<Corpus.Row> rows = Corpus.tsv("argv-secrets.tsv", 1);
    assertTrue(rows.size() >= 300, "argv lines: " + rows.size());
    List<String> leaks = new ArrayList<>();
    for (Corpus.Row row : rows) {
      List<String> argv = strings(Json.parse(row.head().get(0)));
      Event event = Corpus.naiveEvent(argv, String.join(" ", argv));
      String sent = Corpus.sent(event);
      for (String part : row.rest()) {
        if (sent.contains(Json.write(part).replace("\"", ""))) {
          leaks.add(part + " survived in: " + Privacy.client().apply(event).toJson());
        }
      }
    }
    assertEquals(List.of(), leaks.subList(0, Math.min(12, leaks.size())), leaks.size() + " leaks");
  }

  private static List<String> strings(Object json) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) json) {
      out.add((String) o);
    }
    return out;
  }
}
