package dev.clianalytics.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.BodyFormat;
import dev.clianalytics.server.ops.Metrics;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Generated ingest bodies (JSON tokens, escapes, deep nesting, NDJSON lines and hostile text in the
 * string fields of real events) through the body parser and the per-event checks: the outcome is
 * items or a 4xx problem, and each item is valid or rejected alone, never another exception. Draws
 * 300 bodies in CI; {@code -Dclianalytics.fuzz.tries=N} or {@code CLIANALYTICS_FUZZ_TRIES} raises
 * that (docs/privacy.md).
 */
class IngestBodyFuzzTest {
  private static int tries() {
    String configured = System.getProperty("clianalytics.fuzz.tries");
    if (configured == null) {
      configured = System.getenv("CLIANALYTICS_FUZZ_TRIES");
    }
    return configured == null ? 300 : Integer.parseInt(configured.trim());
  }

  private static final List<String> HOSTILE =
      List.of(
          "name=",
          "a@",
          "@sha256:",
          "://",
          "'",
          "\\\"",
          "\"--token\", \"",
          "user=a;",
          "-----BEGIN",
          "password: ",
          " for \"--token\" flag",
          "-p",
          "\\u0000",
          "\\uD800",
          "\u00e9",
          "<secret>");

  private static Arbitrary<String> hostileText() {
    return Arbitraries.of(HOSTILE)
        .list()
        .ofMaxSize(30)
        .map(parts -> String.join("", parts))
        .flatMap(unit -> Arbitraries.integers().between(1, 500).map(n -> unit.repeat(n)));
  }

  /** A real event with hostile text in its string fields, written as JSON. */
  private static Arbitrary<String> hostileEvent() {
    return hostileText()
        .map(
            t -> {
              Map<String, Object> e = Ev.recent("alice").json();
              e.put("error_message", t);
              e.put("error_type", t);
              e.put("tool_version", t);
              e.put("flags_present", List.of(t, "--x"));
              e.put("command_path", List.of("terraform", t));
              return Json.write(e);
            });
  }

  private static Arbitrary<String> body() {
    Arbitrary<String> token =
        Arbitraries.frequencyOf(
            Tuple.of(
                6,
                Arbitraries.of(
                    "{",
                    "}",
                    "[",
                    "]",
                    ":",
                    ",",
                    "\"",
                    "\"events\":",
                    "\"error_message\":",
                    "\"a\"",
                    "1",
                    "-0.5e3",
                    "1e999",
                    "true",
                    "null",
                    "\n",
                    "\\",
                    "\\u12")),
            Tuple.of(2, hostileEvent()),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
    Arbitrary<String> mixed = token.list().ofMaxSize(40).map(parts -> String.join("", parts));
    Arbitrary<String> batch =
        hostileEvent().list().ofMinSize(1).ofMaxSize(5).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> lines =
        hostileEvent().list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("\n", l));
    Arbitrary<String> deep =
        Arbitraries.integers().between(1, 5_000).map(n -> "[".repeat(n) + "]".repeat(n));
    return Arbitraries.oneOf(mixed, batch, lines, deep);
  }

  @Test
  void bodies_giveItemsOrA4xx_andEachItemIsCheckedAlone() {
    IngestService service =
        new IngestService(
            new Database(new InMemoryStorage()),
            Privacy.server("fuzz-test-salt-0123456789"),
            new Metrics(() -> new Storage.PoolStats(0, 0, 0, 0)));
    List<String> failed = new ArrayList<>();
    for (String text : body().sampleStream().limit(tries()).toList()) {
      for (BodyFormat format : BodyFormat.values()) {
        try {
          for (Object item : Batches.items(text, format)) {
            service.check(item, Instant.now());
          }
        } catch (ApiProblem p) {
          if (p.status() < 400 || p.status() >= 500) {
            failed.add(p.status() + " for " + text);
          }
        } catch (RuntimeException | StackOverflowError e) {
          failed.add(e + " for " + text.substring(0, Math.min(200, text.length())));
        }
      }
    }
    assertEquals(List.of(), failed.subList(0, Math.min(5, failed.size())));
  }
}
