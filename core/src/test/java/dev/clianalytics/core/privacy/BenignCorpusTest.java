package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several hundred real-looking error messages from git, npm, kubectl, terraform, docker, aws, psql,
 * pip, cargo, mvn, go and more: the words that make them useful (error classes, codes, versions,
 * durations, counts, package names) must survive redaction.
 */
class BenignCorpusTest {
  private static final List<Corpus.Row> MESSAGES = Corpus.tsv("benign.tsv", 1);

  @Test
  void corpus_isBroad() {
    assertTrue(MESSAGES.size() >= 400, "messages: " + MESSAGES.size());
  }

  @Test
  void usefulWords_surviveRedaction() {
    List<String> lost = new ArrayList<>();
    for (Corpus.Row row : MESSAGES) {
      String out = ErrorText.errorMessage(row.head().get(0));
      for (String word : row.rest()) {
        if (!out.contains(word)) {
          lost.add("lost '" + word + "' in: " + out);
        }
      }
    }
    assertEquals(List.of(), lost);
  }

  @Test
  void benignMessages_asErrorTypes_keepTheirClassNames() {
    for (Corpus.Row row : MESSAGES) {
      for (String word : row.rest()) {
        if (word.matches("[A-Za-z][A-Za-z0-9_.:$-]{0,127}") && word.contains(".")) {
          assertEquals(word, ErrorText.errorType(word));
        }
      }
    }
  }
}
