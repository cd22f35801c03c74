package dev.clianalytics.core.testing;

import dev.clianalytics.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A fluent builder of sanitized test events: {@code Ev.at("10:00").cmd("terraform plan")}. */
public final class Ev {
  /** The day test times such as {@code "10:00"} fall on (a Monday). */
  public static final String DAY = "2026-01-05T";

  private static int counter;
  private Instant timestamp;
  private String command = "terraform plan";
  private int exit;
  private String actor = "actor-a";
  private String hint;
  private String version = "1.0.0";
  private String errorType;
  private Long durationMs;
  private boolean ci;
  private UUID id;

  private Ev(Instant timestamp) {
    this.timestamp = timestamp;
  }

  /** An event at {@code "HH:mm"} or {@code "HH:mm:ss"} on {@link #DAY}, or at a full instant. */
  public static Ev at(String time) {
    String text =
        time.contains("T") ? time : DAY + (time.length() == 5 ? time + ":00" : time) + "Z";
    return new Ev(Instant.parse(text));
  }

  public static Ev at(Instant instant) {
    return new Ev(instant);
  }

  public Ev plus(Duration duration) {
    timestamp = timestamp.plus(duration);
    return this;
  }

  public Ev cmd(String fullCommand) {
    command = fullCommand;
    return this;
  }

  public Ev exit(int code) {
    exit = code;
    return this;
  }

  public Ev actor(String actorId) {
    actor = actorId;
    return this;
  }

  public Ev hint(String sessionHint) {
    hint = sessionHint;
    return this;
  }

  public Ev version(String toolVersion) {
    version = toolVersion;
    return this;
  }

  public Ev error(String type) {
    errorType = type;
    return this;
  }

  public Ev duration(long millis) {
    durationMs = millis;
    return this;
  }

  public Ev ci() {
    ci = true;
    return this;
  }

  public Ev id(UUID eventId) {
    id = eventId;
    return this;
  }

  public Event build() {
    List<String> path = List.of(command.split(" "));
    UUID eventId =
        id != null
            ? id
            : UUID.nameUUIDFromBytes(
                (actor + timestamp + command + (counter++)).getBytes(StandardCharsets.UTF_8));
    return new Event(
        timestamp,
        path.get(0),
        version,
        path,
        List.of(),
        exit,
        durationMs,
        errorType,
        null,
        actor,
        null,
        hint,
        ci,
        eventId);
  }
}
