package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.json.JsonException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing with the {@link HostileText} generator: every privacy rule, the line sanitizer and the
 * JSON reader take any generated input without an exception (a bad JSON text is a {@link
 * JsonException}, nothing else), and a secret planted in generated context never survives.
 *
 * <p>In CI each test draws {@value #DEFAULT_TRIES} inputs. For a longer run, raise the count with
 * the system property {@code clianalytics.fuzz.tries} or the environment variable {@code
 * CLIANALYTICS_FUZZ_TRIES} (docs/privacy.md shows the command).
 */
class PrivacyFuzzTest {
  static final int DEFAULT_TRIES = 400;

  static int tries() {
    String configured = System.getProperty("clianalytics.fuzz.tries");
    if (configured == null) {
      configured = System.getenv("CLIANALYTICS_FUZZ_TRIES");
    }
    return configured == null ? DEFAULT_TRIES : Integer.parseInt(configured.trim());
  }

  private static final Privacy PRIVACY = Privacy.client();

  private static <T> List<T> sample(Arbitrary<T> arbitrary) {
    return arbitrary.sampleStream().limit(tries()).toList();
  }

  /** Runs {@code check} on every sample and collects what failed, with the input that did it. */
  private static <T> List<String> failures(List<T> inputs, Function<T, String> check) {
    List<String> failed = new ArrayList<>();
    for (T input : inputs) {
      String problem;
      try {
        problem = check.apply(input);
      } catch (RuntimeException | StackOverflowError e) {
        problem = e.toString();
      }
      if (problem != null && failed.size() < 5) {
        failed.add(problem + " <- " + Json.write(String.valueOf(input)));
      }
    }
    return failed;
  }

  @Test
  void everyRule_takesAnyText() {
    LineSanitizer sanitizer = new LineSanitizer();
    List<String> failed =
        failures(
            sample(HostileText.any()),
            t -> {
              ErrorText.errorMessage(t);
              ErrorText.errorType(t);
              PRIVACY.apply(LinearTimeTest.event(t));
              Privacy.server("fuzz-salt-0123456789").apply(LinearTimeTest.event(t));
              PRIVACY.document(Map.of(t, List.of(t, Map.of("actor_id", t))));
              Flags.sanitize(Arrays.asList(t.split(" ")));
              Argv.parse(Arrays.asList(("tool " + t).split(" ")), 3);
              Map<String, Object> event = new LinkedHashMap<>();
              event.put("timestamp", "2026-01-20T10:00:00Z");
              event.put("tool_name", t.isBlank() ? "x" : t);
              event.put("command_path", List.of("x", t));
              event.put("exit_code", 1);
              event.put("flags_present", List.of(t));
              event.put("error_message", t);
              event.put("actor_id", t);
              sanitizer.sanitize(Json.write(event), 1);
              sanitizer.sanitize(t, 2);
              return null;
            });
    assertEquals(List.of(), failed);
  }

  /** JSON-shaped text: tokens, escapes, numbers and nesting mixed with hostile fragments. */
  static Arbitrary<String> jsonish() {
    Arbitrary<String> token =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                8,
                Arbitraries.of(
                    "{",
                    "}",
                    "[",
                    "]",
                    ":",
                    ",",
                    "\"",
                    "\"a\"",
                    "\"\\u00e9\"",
                    "\\u",
                    "\\uD800",
                    "\\\"",
                    "\\\\",
                    "1",
                    "-0",
                    "1e999",
                    "-1.5E-3",
                    "123456789012345678901234567890",
                    "true",
                    "false",
                    "null",
                    "nul",
                    " ",
                    "\n",
                    "\"error_message\":",
                    "\"events\":",
                    "[[[[[[[[",
                    "]]]]]]]]")),
            net.jqwik.api.Tuple.of(2, HostileText.text(3)));
    Arbitrary<String> mixed = token.list().ofMaxSize(80).map(parts -> String.join("", parts));
    Arbitrary<String> deep =
        Arbitraries.integers()
            .between(1, 20_000)
            .map(n -> "[".repeat(n) + "1" + "]".repeat(n % 7 == 0 ? n : n / 2));
    return Arbitraries.oneOf(mixed, deep);
  }

  @Test
  void jsonReader_answersValueOrJsonException() {
    List<String> failed =
        failures(
            sample(jsonish()),
            t -> {
              try {
                Object value = Json.parse(t);
                Json.parse(Json.write(value)); // what it read, it can write and read again
              } catch (JsonException expected) {
                // the one allowed outcome for bad text
              }
              return null;
            });
    assertEquals(List.of(), failed);
  }

  /** A secret a user could pick: a plain word with a digit, the hardest shape to see. */
  private static Arbitrary<String> secret() {
    return Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(6).ofMaxLength(10),
            Arbitraries.integers().between(10, 99))
        .as((word, n) -> word + n);
  }

  /** Ways a secret is written in error text, each announcing it plainly. */
  private static final List<String> PLANTS =
      List.of(
          "password=%s",
          "--token %s",
          "--password=%s",
          "Authorization: Bearer %s",
          "invalid argument \"%s\" for \"--token\" flag: bad",
          "{\"argv\":[\"acme\",\"--password\",\"%s\"]}",
          "Invalid value for '--api-key': '%s' is not valid",
          "https://bob:%s@example.com/x",
          "mysql -uroot -p%s",
          "PGPASSWORD='%s'",
          "\"client_secret\": \"%s\"");

  private record Planted(String before, String plant, String after, String secret) {
    String message() {
      return before + " " + plant.formatted(secret) + " " + after;
    }
  }

  @Test
  void plantedSecret_neverSurvives_inGeneratedContext() {
    Arbitrary<Planted> planted =
        Combinators.combine(
                HostileText.text(12), Arbitraries.of(PLANTS), HostileText.text(12), secret())
            .as(Planted::new);
    List<String> failed =
        failures(
            sample(planted),
            p -> {
              String out = ErrorText.redact(p.message());
              return out.contains(p.secret()) ? "survived: " + out : null;
            });
    assertEquals(List.of(), failed);
  }

  @Test
  void triesCanBeRaised() {
    assertTrue(tries() >= 1);
  }
}
