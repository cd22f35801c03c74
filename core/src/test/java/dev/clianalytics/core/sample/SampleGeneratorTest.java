package dev.clianalytics.core.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.json.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
  private static final LocalDate END = LocalDate.of(2026, 3, 1);
  private static final List<Map<String, Object>> SAMPLE =
      new SampleGenerator(new SampleOptions(20_000, 30, 28, 42, END)).generate();

  @Test
  void generate_sameSeed_givesIdenticalOutput() {
    List<Map<String, Object>> again =
        new SampleGenerator(new SampleOptions(20_000, 30, 28, 42, END)).generate();
    assertEquals(Json.write(SAMPLE), Json.write(again));
  }

  @Test
  void generate_otherSeed_givesOtherOutput() {
    List<Map<String, Object>> other =
        new SampleGenerator(new SampleOptions(20_000, 30, 28, 7, END)).generate();
    assertNotEquals(Json.write(SAMPLE.subList(0, 50)), Json.write(other.subList(0, 50)));
  }

  @Test
  void generate_makesExactlyTheRequestedNumberOfValidEventsWithUniqueIds() {
    assertEquals(20_000, SAMPLE.size());
    Instant receipt = END.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    Set<Object> ids = new HashSet<>();
    for (Map<String, Object> e : SAMPLE) {
      assertInstanceOf(Validation.Valid.class, EventValidator.validate(e, receipt), e::toString);
      ids.add(e.get("event_id"));
    }
    assertEquals(SAMPLE.size(), ids.size());
  }

  @Test
  void generate_coversEveryToolHumansAndCi() {
    Set<Object> tools = SAMPLE.stream().map(e -> e.get("tool_name")).collect(Collectors.toSet());
    assertEquals(Set.of("terraform", "kubectl", "npm", "git", "docker", "ai-do"), tools);
    long ci = SAMPLE.stream().filter(e -> Boolean.TRUE.equals(e.get("ci_detected"))).count();
    assertTrue(ci > 1_000 && ci < 15_000, "CI events: " + ci);
  }

  @Test
  void generate_includesFailuresInterruptsAndSeveralVersions() {
    Set<Object> codes = SAMPLE.stream().map(e -> e.get("exit_code")).collect(Collectors.toSet());
    assertTrue(codes.containsAll(Set.of(0, 1, 130)), codes.toString());
    Set<Object> tfVersions =
        SAMPLE.stream()
            .filter(e -> e.get("tool_name").equals("terraform"))
            .map(e -> e.get("tool_version"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("1.6.6", "1.7.5", "1.8.0"), tfVersions);
  }

  @Test
  void generate_terraform180Apply_failsFarMoreOftenThanEarlierVersions() {
    double regressed = applyFailureRate("1.8.0");
    double before = applyFailureRate("1.7.5");
    assertTrue(regressed > before + 0.15, "1.8.0: " + regressed + ", 1.7.5: " + before);
  }

  private static double applyFailureRate(String version) {
    List<Map<String, Object>> applies =
        SAMPLE.stream()
            .filter(
                e ->
                    e.get("command_path").equals(List.of("terraform", "apply"))
                        && version.equals(e.get("tool_version")))
            .toList();
    assertTrue(applies.size() > 50, version + " applies: " + applies.size());
    return applies.stream().filter(e -> ((Number) e.get("exit_code")).intValue() == 1).count()
        / (double) applies.size();
  }

  @Test
  void generate_deliversSomeEventsOutOfOrder() {
    int backwards = 0;
    for (int i = 1; i < SAMPLE.size(); i++) {
      if (((String) SAMPLE.get(i).get("timestamp"))
              .compareTo((String) SAMPLE.get(i - 1).get("timestamp"))
          < 0) {
        backwards++;
      }
    }
    assertTrue(backwards > 20, "out-of-order arrivals: " + backwards);
  }

  @Test
  void generate_carriesRawValuesACarelessClientWouldSend() {
    String all = Json.write(SAMPLE);
    assertTrue(all.contains("@example.com"));
    assertTrue(all.contains("/home/"));
    assertTrue(all.contains("ghp_"));
    assertTrue(all.contains("feature/login-page"));
  }

  @Test
  void generate_endsWithAnOpenTerraformSessionAsTheNewestEvents() {
    Map<String, Object> newest =
        SAMPLE.stream()
            .max(java.util.Comparator.comparing(e -> (String) e.get("timestamp")))
            .orElseThrow();
    assertEquals(List.of("terraform", "plan"), newest.get("command_path"));
    assertEquals(0, newest.get("exit_code"));
  }
}
