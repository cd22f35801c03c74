package dev.clianalytics.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.json.Json;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static Map<String, Object> valid() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("timestamp", "2026-03-01T11:00:00+01:00");
    m.put("tool_name", "terraform");
    m.put("command_path", List.of("terraform", "apply"));
    m.put("exit_code", 1L);
    m.put("actor_id", "user-abc123");
    return m;
  }

  private static Event validEvent(Map<String, Object> json) {
    return assertInstanceOf(Validation.Valid.class, EventValidator.validate(json, NOW)).event();
  }

  private static List<FieldError> errors(Object json) {
    return assertInstanceOf(Validation.Invalid.class, EventValidator.validate(json, NOW)).errors();
  }

  /** A map that records every key the validator asks for. */
  private static final class Recording extends AbstractMap<Object, Object> {
    final Set<Object> asked = new HashSet<>();
    private final Map<String, Object> map;

    Recording(Map<String, Object> map) {
      this.map = map;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      throw new AssertionError("the validator must look fields up, not iterate");
    }

    @Override
    public Object get(Object key) {
      asked.add(key);
      return map.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object fallback) {
      asked.add(key);
      return map.getOrDefault(key, fallback);
    }

    @Override
    public boolean containsKey(Object key) {
      asked.add(key);
      return map.containsKey(key);
    }
  }

  @Test
  void validate_readsExactlyTheDeclaredFields() {
    // the server's streaming reader keeps only FIELDS; a field read but not declared would be lost
    Recording valid = new Recording(valid());
    EventValidator.validate(valid, NOW);
    assertEquals(EventValidator.FIELDS, valid.asked);
    Recording empty = new Recording(Map.of());
    EventValidator.validate(empty, NOW);
    assertEquals(EventValidator.FIELDS, empty.asked);
  }

  @Test
  void validate_minimalEvent_buildsEventWithDefaults() {
    Event e = validEvent(valid());
    assertEquals(Instant.parse("2026-03-01T10:00:00Z"), e.timestamp());
    assertEquals(List.of("terraform", "apply"), e.commandPath());
    assertEquals(1, e.exitCode());
    assertEquals(List.of(), e.flagsPresent());
    assertFalse(e.ciDetected());
    assertNull(e.eventId());
    assertNull(e.durationMs());
  }

  @Test
  void validate_everyOptionalField_isRead() {
    Map<String, Object> m = valid();
    String id = "123e4567-e89b-12d3-a456-426614174000";
    m.put("tool_version", "1.7.0");
    m.put("flags_present", List.of("--auto-approve"));
    m.put("duration_ms", 45_000L);
    m.put("error_type", "ExitError");
    m.put("error_message", "boom");
    m.put("machine_id", "m1");
    m.put("session_hint", "s1");
    m.put("ci_detected", true);
    m.put("event_id", id);
    m.put("unknown_field", "ignored");
    Event e = validEvent(m);
    assertEquals("1.7.0", e.toolVersion());
    assertEquals(List.of("--auto-approve"), e.flagsPresent());
    assertEquals(45_000L, e.durationMs());
    assertTrue(e.ciDetected());
    assertEquals(UUID.fromString(id), e.eventId());
    assertFalse(e.toJson().containsKey("unknown_field"));
  }

  @Test
  void validate_missingRequiredFields_reportsOneErrorPerField() {
    List<FieldError> errors = errors(Map.of());
    assertEquals(
        List.of("timestamp", "tool_name", "command_path", "exit_code", "actor_id"),
        errors.stream().map(FieldError::field).toList());
    assertTrue(errors.stream().allMatch(e -> e.message().equals("is required")));
  }

  @Test
  void validate_wrongTypes_nameTheFieldAndTheType() {
    Map<String, Object> m = valid();
    m.put("exit_code", "1");
    m.put("command_path", "terraform apply");
    m.put("ci_detected", "yes");
    m.put("duration_ms", 1.5);
    List<FieldError> errors = errors(m);
    assertEquals(
        List.of("command_path", "exit_code", "duration_ms", "ci_detected"),
        errors.stream().map(FieldError::field).toList());
    assertTrue(errors.get(1).message().contains("a string"));
  }

  @Test
  void validate_timestampWindow_isRelativeToReceipt() {
    Map<String, Object> future = valid();
    future.put("timestamp", "2026-03-01T13:00:01Z");
    assertEquals("is more than 1 hour in the future", errors(future).get(0).message());
    Map<String, Object> nearFuture = valid();
    nearFuture.put("timestamp", "2026-03-01T12:59:59Z");
    validEvent(nearFuture);
    Map<String, Object> old = valid();
    old.put("timestamp", "2025-11-30T11:59:59Z");
    assertEquals("is more than 90 days in the past", errors(old).get(0).message());
  }

  @Test
  void validate_withoutReceiptTime_acceptsOldTimestamps() {
    Map<String, Object> old = valid();
    old.put("timestamp", "2019-08-15T10:00:00Z");
    assertInstanceOf(Validation.Valid.class, EventValidator.validate(old));
  }

  @Test
  void validate_timestampWithoutZone_isRejected() {
    Map<String, Object> m = valid();
    m.put("timestamp", "2026-03-01T11:00:00");
    assertEquals("timestamp", errors(m).get(0).field());
  }

  @Test
  void validate_durationOverSevenDaysOrNegative_isRejected() {
    Map<String, Object> m = valid();
    m.put("duration_ms", Limits.MAX_DURATION_MS + 1);
    assertEquals("duration_ms", errors(m).get(0).field());
    m.put("duration_ms", -1L);
    assertEquals("duration_ms", errors(m).get(0).field());
    m.put("duration_ms", Limits.MAX_DURATION_MS);
    validEvent(m);
  }

  @Test
  void validate_badEventId_isRejected() {
    Map<String, Object> m = valid();
    m.put("event_id", "not-a-uuid");
    assertEquals("event_id", errors(m).get(0).field());
  }

  @Test
  void validate_emptyCommandPath_isRejected() {
    Map<String, Object> m = valid();
    m.put("command_path", List.of());
    assertEquals("command_path", errors(m).get(0).field());
  }

  @Test
  void validate_nonObject_isOneWholeEventError() {
    List<FieldError> errors = errors(Json.parse("[1,2]"));
    assertEquals(
        List.of(new FieldError("", "an event must be a JSON object, got an array")), errors);
  }

  @Test
  void validate_exitCodeOutsideInt_isRejected() {
    Map<String, Object> m = valid();
    m.put("exit_code", 1L << 40);
    assertEquals("exit_code", errors(m).get(0).field());
  }

  @Test
  void toJson_roundTripsThroughTheValidator() {
    Map<String, Object> m = valid();
    m.put("flags_present", List.of("-v"));
    m.put("event_id", UUID.randomUUID().toString());
    Event e = validEvent(m);
    Event again = validEvent(castMap(Json.parse(Json.write(e.toJson()))));
    assertEquals(e, again);
  }

  @SuppressWarnings("unchecked") // Json.parse returns objects as Map<String, Object>
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void truncate_neverSplitsASurrogatePair() {
    String s = "ab\uD83D\uDE00";
    assertEquals("ab", Limits.truncate(s, 3));
    assertEquals(s, Limits.truncate(s, 4));
  }
}
