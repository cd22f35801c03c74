package dev.clianalytics.bench;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.privacy.Privacy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code privacy-survival [--strings N] [--seed S]}: how many generated high-entropy strings (hex,
 * base64, base62 and base64url, 24 to 64 characters, digits and letters mixed, at least 3.5 bits of
 * Shannon entropy per character, as the privacy property tests draw them) survive the client's
 * error-message redaction inside a realistic message. The rate is a measured figure, not a
 * guarantee (docs/privacy.md); the classes that must never survive are exact properties in the core
 * tests. Ends with {@code {"high_entropy_strings": N, "survived": K, "survival_rate": R}}.
 */
final class PrivacySurvival {
  private static final String BASE62 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String[][] FAMILIES = {
    {"0123456789abcdef", "32", "64"},
    {BASE62 + "+/", "40", "64"},
    {BASE62, "24", "64"},
    {BASE62 + "-_", "32", "64"}
  };
  private static final List<String> TEMPLATES =
      List.of(
          "{}",
          "fatal: unable to access '{}': The requested URL returned error: 403",
          "Error: Request failed with status code 401 (credential {} rejected)",
          "npm ERR! Unable to authenticate, your authentication token seems to be invalid: {}",
          "Error: invalid api key \"{}\" for project",
          "denied: token {} has expired");

  private PrivacySurvival() {}

  static void run(String[] args) {
    int strings = 400_000;
    long seed = 1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--strings" -> strings = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (args.length % 2 != 0 || strings < 1) {
      throw new IllegalArgumentException("expected [--strings N] [--seed S] with N >= 1");
    }
    Random random = new Random(seed);
    Privacy privacy = Privacy.client();
    int survived = 0;
    for (int n = 0; n < strings; ) {
      String secret = candidate(random);
      if (secret == null) {
        continue;
      }
      n++;
      String message = TEMPLATES.get(random.nextInt(TEMPLATES.size())).replace("{}", secret);
      String out = privacy.apply(event(message)).errorMessage();
      if (out != null && out.contains(secret)) {
        survived++;
        if (survived <= 10) {
          System.out.println("survived: " + secret);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "{\"high_entropy_strings\": %d, \"survived\": %d, \"survival_rate\": %.8f}%n",
        strings,
        survived,
        (double) survived / strings);
  }

  /** One string of a random family, or null when it fails the mix or entropy filter. */
  static String candidate(Random random) {
    String[] family = FAMILIES[random.nextInt(FAMILIES.length)];
    String alphabet = family[0];
    int min = Integer.parseInt(family[1]);
    int length = min + random.nextInt(Integer.parseInt(family[2]) - min + 1);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    String text = s.toString();
    boolean mixed =
        text.chars().anyMatch(Character::isDigit) && text.chars().anyMatch(Character::isLetter);
    return mixed && bitsPerChar(text) >= 3.5 ? text : null;
  }

  static double bitsPerChar(String s) {
    int[] counts = new int[128];
    s.chars().forEach(c -> counts[c]++);
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / s.length();
        bits -= p * Math.log(p) / Math.log(2);
      }
    }
    return bits;
  }

  private static Event event(String message) {
    return new Event(
        Instant.EPOCH,
        "tool",
        null,
        List.of("tool"),
        List.of(),
        1,
        null,
        "Error",
        message,
        "actor",
        null,
        null,
        false,
        null);
  }
}
