package dev.clianalytics.core.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One run of one command of a CLI tool (schema v1, docs/storage.md). Instances built by {@link
 * EventValidator} have passed validation; {@link dev.clianalytics.core.privacy.Privacy} turns them
 * into the form that may leave the user's machine or be stored.
 *
 * <p>Optional fields are {@code null} when absent; {@code flagsPresent} is never null.
 */
public record Event(
    Instant timestamp,
    String toolName,
    String toolVersion,
    List<String> commandPath,
    List<String> flagsPresent,
    int exitCode,
    Long durationMs,
    String errorType,
    String errorMessage,
    String actorId,
    String machineId,
    String sessionHint,
    boolean ciDetected,
    UUID eventId,
    Platform platform) {

  public Event {
    platform = platform == null ? Platform.NONE : platform;
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(toolName, "toolName");
    Objects.requireNonNull(actorId, "actorId");
    commandPath = List.copyOf(Objects.requireNonNull(commandPath, "commandPath"));
    flagsPresent = flagsPresent == null ? List.of() : List.copyOf(flagsPresent);
    if (durationMs != null && durationMs < 0) {
      throw new IllegalArgumentException("durationMs must be >= 0, was " + durationMs);
    }
  }

  /** An event without platform fields. */
  public Event(
      Instant timestamp,
      String toolName,
      String toolVersion,
      List<String> commandPath,
      List<String> flagsPresent,
      int exitCode,
      Long durationMs,
      String errorType,
      String errorMessage,
      String actorId,
      String machineId,
      String sessionHint,
      boolean ciDetected,
      UUID eventId) {
    this(
        timestamp,
        toolName,
        toolVersion,
        commandPath,
        flagsPresent,
        exitCode,
        durationMs,
        errorType,
        errorMessage,
        actorId,
        machineId,
        sessionHint,
        ciDetected,
        eventId,
        Platform.NONE);
  }

  /** The JSON field names of schema v1, in the order {@link #toJson()} writes them. */
  public static final List<String> FIELDS =
      List.of(
          "event_id",
          "timestamp",
          "tool_name",
          "tool_version",
          "command_path",
          "flags_present",
          "exit_code",
          "duration_ms",
          "error_type",
          "error_message",
          "actor_id",
          "machine_id",
          "session_hint",
          "ci_detected",
          "os",
          "arch",
          "runtime");

  /** The event as a JSON object; absent optional fields are left out. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    putIfPresent(json, "event_id", eventId == null ? null : uuidText(eventId));
    json.put("timestamp", IsoInstant.format(timestamp));
    json.put("tool_name", toolName);
    putIfPresent(json, "tool_version", toolVersion);
    json.put("command_path", commandPath);
    json.put("flags_present", flagsPresent);
    json.put("exit_code", exitCode);
    putIfPresent(json, "duration_ms", durationMs);
    putIfPresent(json, "error_type", errorType);
    putIfPresent(json, "error_message", errorMessage);
    json.put("actor_id", actorId);
    putIfPresent(json, "machine_id", machineId);
    putIfPresent(json, "session_hint", sessionHint);
    json.put("ci_detected", ciDetected);
    putIfPresent(json, "os", platform.os());
    putIfPresent(json, "arch", platform.arch());
    putIfPresent(json, "runtime", platform.runtime());
    return json;
  }

  /**
   * {@link UUID#toString()}, written by hand: the JDK's version stores through byte-array view
   * {@code VarHandle}s, whose first use links method handles and costs a short-lived client about
   * half a millisecond.
   */
  static String uuidText(UUID id) {
    char[] out = new char[36];
    hex(out, 0, id.getMostSignificantBits() >>> 32, 8);
    out[8] = '-';
    hex(out, 9, id.getMostSignificantBits() >>> 16, 4);
    out[13] = '-';
    hex(out, 14, id.getMostSignificantBits(), 4);
    out[18] = '-';
    hex(out, 19, id.getLeastSignificantBits() >>> 48, 4);
    out[23] = '-';
    hex(out, 24, id.getLeastSignificantBits(), 12);
    return new String(out);
  }

  /**
   * The low {@code digits} hex digits of {@code value}, lowercase, into {@code out} at {@code at}.
   */
  private static void hex(char[] out, int at, long value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = Character.forDigit((int) (value & 0xf), 16);
      value >>>= 4;
    }
  }

  private static void putIfPresent(Map<String, Object> json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  /** A copy with a different event id. */
  public Event withEventId(UUID id) {
    return copy(timestamp, actorId, id, platform);
  }

  /** A copy with different platform fields. */
  public Event withPlatform(Platform p) {
    return copy(timestamp, actorId, eventId, p);
  }

  /** A copy of another actor's, at another time (tests and imports move history this way). */
  public Event withActorAt(String actor, Instant at) {
    return copy(at, actor, eventId, platform);
  }

  private Event copy(Instant at, String actor, UUID id, Platform p) {
    return new Event(
        at,
        toolName,
        toolVersion,
        commandPath,
        flagsPresent,
        exitCode,
        durationMs,
        errorType,
        errorMessage,
        actor,
        machineId,
        sessionHint,
        ciDetected,
        id,
        p);
  }
}
