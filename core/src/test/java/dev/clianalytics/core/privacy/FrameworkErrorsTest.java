package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The error formats of 15 CLI frameworks for bad or missing values of secret-named flags ({@code
 * privacy/framework-errors.tsv}): no value survives the message rules, and the framework's own
 * words do.
 */
class FrameworkErrorsTest {
  private static final List<FrameworkErrors.Case> CASES =
      FrameworkErrors.cases(Corpus.lines("framework-errors.tsv"));

  @Test
  void corpus_coversEveryFramework() {
    Set<String> frameworks = new TreeSet<>();
    for (FrameworkErrors.Case c : CASES) {
      frameworks.add(c.framework());
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "cobra/pflag",
                "urfave/cli",
                "kingpin",
                "clap",
                "structopt",
                "click",
                "typer",
                "argparse",
                "commander",
                "yargs",
                "oclif",
                "picocli",
                "JCommander",
                "System.CommandLine",
                "Thor")),
        frameworks);
    assertTrue(CASES.size() >= 120, "cases: " + CASES.size());
  }

  @Test
  void noValueSurvives_andTheFrameworkWordsDo() {
    List<String> problems = new ArrayList<>();
    for (FrameworkErrors.Case c : CASES) {
      problems.addAll(FrameworkErrors.problems(c, ErrorText.errorMessage(c.message())));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void inTheWholeEvent_noValueSurvives() {
    List<String> problems = new ArrayList<>();
    for (FrameworkErrors.Case c : CASES) {
      String sent = Corpus.sent(Corpus.naiveEvent(List.of("acme", "login"), c.message()));
      if (!c.value().isEmpty()) {
        for (String part : c.secretParts()) {
          if (FrameworkErrors.containsWord(sent, part)) {
            problems.add(c.framework() + ": '" + part + "' survived in: " + sent);
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }
}
