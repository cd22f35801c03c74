package dev.clianalytics.core.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * The corpus {@code privacy/framework-errors.tsv}: the messages real CLI frameworks print for a bad
 * or missing value of a secret-named flag, and the secret values put into them. Shared with the
 * end-to-end tests of the cli and server modules, which read the same file.
 */
public final class FrameworkErrors {
  private FrameworkErrors() {}

  /**
   * Values a user might pass: plain words (which only context can give away), a capitalized word,
   * digits, symbols, a known token format. Phrases with spaces are used only where the framework
   * quotes the value.
   */
  public static final List<String> VALUES =
      List.of(
          "letmein",
          "SummerTime",
          "hunter2",
          "Tr0ub4dor&3",
          "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
          "correct horse battery staple");

  /** One corpus line with one value put in. */
  public record Case(
      String framework, String source, String message, String value, List<String> keep) {
    /** The parts of the value that must not survive (each word of a phrase). */
    public List<String> secretParts() {
      return List.of(value.split(" "));
    }
  }

  /** Every line of the corpus file with every value that fits it (for other modules' tests). */
  public static List<Case> corpus() {
    return cases(Corpus.lines("framework-errors.tsv"));
  }

  /** Every corpus line with every value that fits it. */
  public static List<Case> cases(List<String> lines) {
    List<Case> out = new ArrayList<>();
    for (String line : lines) {
      String[] cols = line.split("\t", -1);
      String template = cols[2].replace("\\n", "\n").replace("\\t", "\t");
      List<String> keep = List.of(cols).subList(3, cols.length);
      if (!template.contains("{V}")) {
        out.add(new Case(cols[0], cols[1], template, "", keep));
        continue;
      }
      boolean quoted = template.contains("'{V}'") || template.contains("\"{V}\"");
      for (String value : VALUES) {
        if (value.contains(" ") && !quoted) {
          continue;
        }
        out.add(new Case(cols[0], cols[1], template.replace("{V}", value), value, keep));
      }
    }
    return out;
  }

  /** {@code part} in {@code text} with no letter or digit right before or after it. */
  public static boolean containsWord(String text, String part) {
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

  /** What is wrong with the redacted form of one case; empty when nothing survived. */
  public static List<String> problems(Case c, String redacted) {
    return problems(c, redacted, redacted);
  }

  /**
   * As {@link #problems(Case, String)}, for a message that left the rules inside a larger text
   * ({@code whole}: a sanitized event, a stored row), where no part of the value may appear at all.
   */
  public static List<String> problems(Case c, String whole, String redacted) {
    List<String> problems = new ArrayList<>();
    if (!c.value().isEmpty()) {
      for (String part : c.secretParts()) {
        if (containsWord(whole, part)) {
          problems.add(c.framework() + ": '" + part + "' survived in: " + redacted);
        }
      }
    }
    for (String word : c.keep()) {
      if (!redacted.contains(word)) {
        problems.add(c.framework() + ": lost the word '" + word + "' in: " + redacted);
      }
    }
    return problems;
  }
}
