package dev.clianalytics.core.testing;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one builder of test events for every module (the core test-jar): {@code
 * Ev.at("10:00").cmd("terraform plan").exit(1)}, built as a sanitized {@link Event} ({@link
 * #build()}) or as the raw JSON object a client sends ({@link #json()}).
 */
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
  private List<String> flags = List.of();
  private String message;
  private String machine;
  private String os;
  private String arch;
  private String runtime;

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

  /**
   * {@code terraform plan} 1.7.0 by {@code actor} a minute ago, with a flag and a duration: an
   * event any server accepts now.
   */
  public static Ev recent(String actor) {
    return at(Instant.now().minus(Duration.ofMinutes(1)))
        .actor(actor)
        .version("1.7.0")
        .flags("--out")
        .duration(1200);
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

  /** The error message, stored as given by {@link #build()} (the server's rules apply to JSON). */
  public Ev message(String errorMessage) {
    message = errorMessage;
    return this;
  }

  public Ev machine(String machineId) {
    machine = machineId;
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

  /** The platform fields as a client sends them (the server maps and checks them). */
  public Ev platform(String os, String arch, String runtime) {
    this.os = os;
    this.arch = arch;
    this.runtime = runtime;
    return this;
  }

  public Ev flags(String... names) {
    flags = List.of(names);
    return this;
  }

  /** The same event, the same {@code event_id} included, as a retrying client sends it again. */
  public Ev copy() {
    if (id == null) {
      id = UUID.randomUUID();
    }
    Ev other = new Ev(timestamp);
    other.command = command;
    other.exit = exit;
    other.actor = actor;
    other.hint = hint;
    other.version = version;
    other.errorType = errorType;
    other.message = message;
    other.machine = machine;
    other.durationMs = durationMs;
    other.ci = ci;
    other.id = id;
    other.flags = flags;
    other.os = os;
    other.arch = arch;
    other.runtime = runtime;
    return other;
  }

  /**
   * The raw JSON object of the event (docs/server.md), as a client sends it; a random {@code
   * event_id} is fixed on the first call unless {@link #id} set one.
   */
  public Map<String, Object> json() {
    if (id == null) {
      id = UUID.randomUUID();
    }
    List<String> path = List.of(command.split(" "));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("event_id", id.toString());
    json.put("timestamp", timestamp.toString());
    json.put("tool_name", path.get(0));
    json.put("tool_version", version);
    json.put("command_path", path);
    if (!flags.isEmpty()) {
      json.put("flags_present", flags);
    }
    json.put("exit_code", exit);
    if (durationMs != null) {
      json.put("duration_ms", durationMs);
    }
    if (errorType != null) {
      json.put("error_type", errorType);
    }
    if (message != null) {
      json.put("error_message", message);
    }
    json.put("actor_id", actor);
    if (machine != null) {
      json.put("machine_id", machine);
    }
    if (hint != null) {
      json.put("session_hint", hint);
    }
    if (ci) {
      json.put("ci_detected", true);
    }
    if (os != null) {
      json.put("os", os);
    }
    if (arch != null) {
      json.put("arch", arch);
    }
    if (runtime != null) {
      json.put("runtime", runtime);
    }
    return json;
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
        flags,
        exit,
        durationMs,
        errorType,
        message,
        actor,
        machine,
        hint,
        ci,
        eventId,
        new Platform(os, arch, runtime).normalized());
  }
}
