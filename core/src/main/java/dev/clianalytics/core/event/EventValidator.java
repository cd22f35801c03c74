package dev.clianalytics.core.event;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a parsed JSON value against schema v1 and builds an {@link Event}, reporting one {@link
 * FieldError} per offending field. Unknown fields are ignored. No privacy rule is applied here.
 */
public final class EventValidator {
  /**
   * Every field {@link #validate} reads; the others are ignored, so a reader may drop them before
   * validation (the server's streaming body reader does, see docs/server.md).
   */
  public static final Set<String> FIELDS = Set.copyOf(Event.FIELDS);

  private EventValidator() {}

  /**
   * Validates without a receipt window: used where no receipt time exists, such as {@code sanitize}
   * and the client, which send whatever the tool recorded.
   */
  public static Validation validate(Object json) {
    return validate(json, null);
  }

  /**
   * Validates {@code json}; when {@code receivedAt} is given, a timestamp more than one hour after
   * it or more than 90 days before it is an error.
   */
  public static Validation validate(Object json, Instant receivedAt) {
    if (!(json instanceof Map<?, ?> map)) {
      return new Validation.Invalid(
          List.of(new FieldError("", "an event must be a JSON object, got " + typeName(json))));
    }
    Reader r = new Reader(map);
    Instant timestamp = r.timestamp(receivedAt);
    String toolName = r.requiredString("tool_name");
    List<String> commandPath = r.commandPath();
    Integer exitCode = r.exitCode();
    String actorId = r.identifier("actor_id", true);
    String toolVersion = r.optionalString("tool_version");
    List<String> flags = r.optionalStrings("flags_present");
    Long durationMs = r.durationMs();
    String errorType = r.optionalString("error_type");
    String errorMessage = r.optionalString("error_message");
    String machineId = r.identifier("machine_id", false);
    String sessionHint = r.identifier("session_hint", false);
    boolean ci = r.ciDetected();
    UUID eventId = r.eventId();
    Platform platform =
        new Platform(r.optionalString("os"), r.optionalString("arch"), r.optionalString("runtime"));
    if (!r.errors.isEmpty()) {
      return new Validation.Invalid(r.errors);
    }
    return new Validation.Valid(
        new Event(
            timestamp,
            toolName,
            toolVersion,
            commandPath,
            flags,
            exitCode,
            durationMs,
            errorType,
            errorMessage,
            actorId,
            machineId,
            sessionHint,
            ci,
            eventId,
            platform));
  }

  static String typeName(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof Number) {
      return "a number";
    } else if (value instanceof Map) {
      return "an object";
    } else if (value instanceof List) {
      return "an array";
    }
    return value.getClass().getSimpleName();
  }

  /** Reads fields one by one, collecting errors instead of stopping at the first. */
  private static final class Reader {
    private final Map<?, ?> map;
    final List<FieldError> errors = new ArrayList<>();

    Reader(Map<?, ?> map) {
      this.map = map;
    }

    private void error(String field, String message) {
      errors.add(new FieldError(field, message));
    }

    private Object required(String field) {
      Object value = map.get(field);
      if (value == null) {
        error(field, "is required");
      }
      return value;
    }

    Instant timestamp(Instant receivedAt) {
      Object value = required("timestamp");
      if (value == null) {
        return null;
      }
      if (!(value instanceof String s)) {
        error("timestamp", "must be an RFC 3339 string, got " + typeName(value));
        return null;
      }
      Instant instant = IsoInstant.parseUtc(s);
      try {
        if (instant == null) {
          String normalized = s.trim().toUpperCase(Locale.ROOT).replace(' ', 'T');
          instant =
              OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
      } catch (DateTimeParseException e) {
        error("timestamp", "must be RFC 3339 with a zone, such as 2026-01-24T10:00:00Z");
        return null;
      }
      if (receivedAt != null) {
        if (instant.isAfter(receivedAt.plus(Limits.MAX_FUTURE))) {
          error("timestamp", "is more than 1 hour in the future");
          return null;
        }
        if (instant.isBefore(receivedAt.minus(Limits.MAX_PAST))) {
          error("timestamp", "is more than 90 days in the past");
          return null;
        }
      }
      return instant;
    }

    String requiredString(String field) {
      Object value = required(field);
      if (value == null) {
        return null;
      }
      if (!(value instanceof String s)) {
        error(field, "must be a string, got " + typeName(value));
        return null;
      }
      if (s.isBlank()) {
        error(field, "must not be empty");
        return null;
      }
      return s;
    }

    String optionalString(String field) {
      Object value = map.get(field);
      if (value == null || value instanceof String) {
        return (String) value;
      }
      error(field, "must be a string, got " + typeName(value));
      return null;
    }

    String identifier(String field, boolean isRequired) {
      String value = isRequired ? requiredString(field) : optionalString(field);
      if (value != null && value.length() > Limits.IDENTIFIER) {
        error(field, "must be at most " + Limits.IDENTIFIER + " characters");
        return null;
      }
      return value == null || value.isEmpty() ? null : value;
    }

    List<String> commandPath() {
      Object value = required("command_path");
      if (value == null) {
        return null;
      }
      List<String> path = strings("command_path", value);
      if (path != null && path.isEmpty()) {
        error("command_path", "must have at least one element, the tool");
        return null;
      }
      return path;
    }

    List<String> optionalStrings(String field) {
      Object value = map.get(field);
      return value == null ? List.of() : strings(field, value);
    }

    private List<String> strings(String field, Object value) {
      if (!(value instanceof List<?> list)) {
        error(field, "must be an array of strings, got " + typeName(value));
        return null;
      }
      List<String> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof String s)) {
          error(field, "element " + i + " must be a string, got " + typeName(list.get(i)));
          return null;
        }
        out.add(s);
      }
      return out;
    }

    Integer exitCode() {
      Object value = required("exit_code");
      if (value == null) {
        return null;
      }
      Long n = integral(value);
      if (n == null || n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
        error("exit_code", "must be a 32-bit integer, got " + describeNumber(value));
        return null;
      }
      if (n == Integer.MIN_VALUE) {
        // reserved: stored start markers carry it (see StartMarkers)
        error("exit_code", "must be above " + Integer.MIN_VALUE + " (reserved), got " + n);
        return null;
      }
      return n.intValue();
    }

    Long durationMs() {
      Object value = map.get("duration_ms");
      if (value == null) {
        return null;
      }
      Long n = integral(value);
      if (n == null) {
        error(
            "duration_ms",
            "must be an integer number of milliseconds, got " + describeNumber(value));
        return null;
      }
      if (n < 0) {
        error("duration_ms", "must be >= 0, was " + n);
        return null;
      }
      if (n > Limits.MAX_DURATION_MS) {
        error("duration_ms", "must be at most 7 days (" + Limits.MAX_DURATION_MS + "), was " + n);
        return null;
      }
      return n;
    }

    boolean ciDetected() {
      Object value = map.get("ci_detected");
      if (value == null) {
        return false;
      }
      if (!(value instanceof Boolean b)) {
        error("ci_detected", "must be a boolean, got " + typeName(value));
        return false;
      }
      return b;
    }

    UUID eventId() {
      Object value = map.get("event_id");
      if (value == null) {
        return null;
      }
      if (value instanceof String s && s.length() == 36) {
        try {
          return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
          // reported below
        }
      }
      error("event_id", "must be a UUID such as 123e4567-e89b-12d3-a456-426614174000");
      return null;
    }

    /** Integers as JSON readers produce them (Long from core's reader, Integer from callers). */
    private static Long integral(Object value) {
      if (value instanceof Long l) {
        return l;
      } else if (value instanceof Integer i) {
        return i.longValue();
      } else if (value instanceof Short s) {
        return s.longValue();
      }
      return null;
    }

    private static String describeNumber(Object value) {
      if (value instanceof Double || value instanceof BigInteger) {
        return value instanceof Double ? "a fractional number" : "an integer out of range";
      }
      return typeName(value);
    }
  }
}
