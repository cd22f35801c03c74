package dev.clianalytics.core.privacy;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The privacy rules of docs/privacy.md as one component, shared by the client (before sending) and
 * the server (before storing). {@link #client()} leaves identifiers in their SHA-256 form; {@link
 * #server(String)} then keys them with HMAC-SHA256 so a raw id and its client-side hash end up as
 * the same stored value.
 */
public final class Privacy {
  private final Identifiers identifiers;

  private Privacy(Identifiers identifiers) {
    this.identifiers = identifiers;
  }

  /** The rules as the client applies them: identifiers become lowercase SHA-256 hex. */
  public static Privacy client() {
    return new Privacy(Identifiers.sha256Only());
  }

  /** The rules as the server applies them: identifiers become HMAC-SHA256 keyed with the salt. */
  public static Privacy server(String hashSalt) {
    return new Privacy(Identifiers.hmac(hashSalt));
  }

  /**
   * Returns the event in the form that may leave the machine or be stored: identifiers hashed,
   * command path cut, flags reduced to safe names, error text redacted, strings truncated, platform
   * fields kept only in their canonical form. A run without an error does not load the error rules'
   * classes.
   */
  public Event apply(Event raw) {
    return new Event(
        raw.timestamp(),
        Limits.truncate(toolName(raw.toolName()), Limits.TOOL_NAME),
        Limits.truncate(version(raw.toolVersion()), Limits.TOOL_VERSION),
        CommandPaths.cut(raw.commandPath()),
        Flags.sanitize(raw.flagsPresent()),
        raw.exitCode(),
        raw.durationMs(),
        raw.errorType() == null ? null : ErrorText.errorType(raw.errorType()),
        raw.errorMessage() == null ? null : ErrorText.errorMessage(raw.errorMessage()),
        identifiers.normalize(raw.actorId()),
        identifiers.normalize(raw.machineId()),
        identifiers.normalize(raw.sessionHint()),
        raw.ciDetected(),
        raw.eventId(),
        raw.platform().normalized());
  }

  /**
   * A free-form JSON document (maps, lists, strings, numbers) in the form that may be stored: every
   * string redacted like error text, values under secret-looking keys replaced by {@code <secret>},
   * identifier fields hashed like an event's. The input is not modified.
   */
  public Map<String, Object> document(Map<?, ?> json) {
    return new Documents(identifiers).object(json);
  }

  /** The stored form of one raw or client-hashed identifier; null stays null. */
  public String identifier(String raw) {
    return identifiers.normalize(raw);
  }

  /** The lowercase SHA-256 hex of {@code raw}, or {@code raw} itself when it already is one. */
  public static String sha256Form(String raw) {
    return Identifiers.sha256Form(raw);
  }

  private static String toolName(String name) {
    return CommandPaths.tool(name);
  }

  private static String version(String version) {
    if (version == null) {
      return null;
    }
    if (isPlainNumericVersion(version)) {
      return version;
    }
    String redacted = ErrorText.errorMessage(version);
    return redacted == null || redacted.isBlank() ? null : redacted.trim();
  }

  /**
   * Digits in at most three dot-separated parts, ten characters at most ({@code 1.0.0}, {@code
   * 2024.10.1}): too short to be a key or a random string and one dot short of an IPv4 address, so
   * the message rules keep it as it is (PrivacyTest checks every such version up to six characters
   * and a sample of the longer ones). The usual version thus skips the message redactor, whose
   * classes a short-lived client would otherwise load on every run.
   */
  static boolean isPlainNumericVersion(String version) {
    int n = version.length();
    if (n == 0 || n > 10) {
      return false;
    }
    int dots = 0;
    boolean digitBefore = false;
    for (int i = 0; i < n; i++) {
      char c = version.charAt(i);
      if (c >= '0' && c <= '9') {
        digitBefore = true;
      } else if (c == '.' && digitBefore && dots < 2) {
        dots++;
        digitBefore = false;
      } else {
        return false;
      }
    }
    return digitBefore;
  }

  /** Applies the rules to every event of a list, in order. */
  public List<Event> applyAll(List<Event> raw) {
    List<Event> out = new ArrayList<>(raw.size());
    for (Event e : raw) {
      out.add(apply(e));
    }
    return out;
  }
}
