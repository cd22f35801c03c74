package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Every privacy rule finishes in time linear in its input, counted in steps rather than measured in
 * milliseconds: the scanning methods report the characters they may look at to {@link Steps}
 * (switched on for this module's tests in its pom), and the count must stay within a constant times
 * the input's length, and grow no faster than the input when a hostile unit is repeated more.
 */
class LinearTimeTest {
  /** Steps allowed per character of input (plus a constant for short inputs). */
  static final int STEPS_PER_CHAR = 120;

  private static final int CONSTANT = 2_000;

  private static final Privacy PRIVACY = Privacy.client();

  /** Each rule, applied to one text wherever that rule can meet it. */
  private static final Map<String, Consumer<String>> RULES = rules();

  private static Map<String, Consumer<String>> rules() {
    Map<String, Consumer<String>> rules = new LinkedHashMap<>();
    rules.put("error_message", ErrorText::errorMessage);
    rules.put("error_type", ErrorText::errorType);
    rules.put("event", t -> PRIVACY.apply(event(t)));
    rules.put("document", t -> PRIVACY.document(Map.of(t, t, "nested", Map.of("k", List.of(t)))));
    rules.put("flags", t -> Flags.sanitize(Arrays.asList(t.split(" "))));
    rules.put("argv", t -> Argv.parse(Arrays.asList(("tool " + t).split(" ")), 5));
    rules.put("command_path", t -> CommandPaths.cut(Arrays.asList(("tool " + t).split(" "))));
    return rules;
  }

  static Event event(String t) {
    return new Event(
        Instant.parse("2026-01-20T10:00:00Z"),
        t,
        t,
        List.of("tool", t),
        List.of(t, "--x"),
        1,
        1L,
        t,
        t,
        t,
        t,
        t,
        false,
        null);
  }

  private static long steps(Consumer<String> rule, String text) {
    Steps.reset();
    rule.accept(text);
    return Steps.count();
  }

  @Test
  void stepsAreCounted() {
    assertTrue(Steps.ON, "run with -Dclianalytics.privacy.countSteps=true (core's pom sets it)");
    assertTrue(steps(ErrorText::errorMessage, "password=hunter2 at /home/alice") > 30);
  }

  @Property(tries = 150)
  void everyRule_takesStepsLinearInItsInput(@ForAll("hostile") String text) {
    for (Map.Entry<String, Consumer<String>> rule : RULES.entrySet()) {
      long steps = steps(rule.getValue(), text);
      long bound = (long) STEPS_PER_CHAR * text.length() + CONSTANT;
      assertTrue(
          steps <= bound,
          rule.getKey() + ": " + steps + " steps for " + text.length() + " characters");
    }
  }

  /**
   * Eight times the input costs at most about eight times the steps: a rule that rescans or
   * recurses per repetition (the old {@code name=name=...}) grows with the square and fails.
   */
  @Property(tries = 80)
  void repeatingAUnitMore_growsTheStepsInProportion(@ForAll("units") String unit) {
    String small = unit.repeat(200);
    String large = unit.repeat(1_600);
    for (Map.Entry<String, Consumer<String>> rule : RULES.entrySet()) {
      long a = steps(rule.getValue(), small);
      long b = steps(rule.getValue(), large);
      assertTrue(
          b <= 8 * a * 3 / 2 + CONSTANT,
          rule.getKey()
              + ": "
              + a
              + " steps for "
              + small.length()
              + " characters, "
              + b
              + " for "
              + large.length()
              + " (unit '"
              + unit
              + "')");
    }
  }

  @Provide
  Arbitrary<String> hostile() {
    return HostileText.any();
  }

  @Provide
  Arbitrary<String> units() {
    return Arbitraries.oneOf(
        HostileText.text(4).filter(s -> !s.isEmpty()),
        Arbitraries.of(
            "name=",
            "a@",
            "a@sha256:",
            "x.sk-",
            "'a' for ",
            "\"--token\" ",
            "-p",
            "a=b&",
            "eyJhbGciOiJIUzI1NiJ9.",
            "user=a;",
            "http://a/",
            "::",
            "\\\"",
            "password: ",
            "got '"));
  }
}
