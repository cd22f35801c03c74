package dev.clianalytics.core.privacy;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The privacy rules of SPEC section 4 as one component, shared by the client (before sending) and
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
   * command path cut, flags reduced to safe names, error text redacted, strings truncated.
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
        ErrorText.errorType(raw.errorType()),
        ErrorText.errorMessage(raw.errorMessage()),
        identifiers.normalize(raw.actorId()),
        identifiers.normalize(raw.machineId()),
        identifiers.normalize(raw.sessionHint()),
        raw.ciDetected(),
        raw.eventId());
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
    String redacted = ErrorText.errorMessage(version);
    return redacted == null || redacted.isBlank() ? null : redacted.trim();
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
