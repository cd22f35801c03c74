package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes values storable on both databases alike: PostgreSQL refuses NUL characters in text and
 * neither database can keep an unpaired UTF-16 surrogate, so both become U+FFFD; timestamps keep
 * microseconds, the precision both databases store (truncated, not rounded, on both).
 */
final class Storable {
  private static final char REPLACEMENT = '\uFFFD';

  private Storable() {}

  static String clean(String s) {
    if (isClean(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (c == 0 || Character.isSurrogate(c)) {
        out.append(REPLACEMENT);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isClean(Event e) {
    return e.timestamp().getNano() % 1_000 == 0
        && isClean(e.toolName())
        && isClean(e.toolVersion())
        && isClean(e.commandPath())
        && isClean(e.flagsPresent())
        && isClean(e.errorType())
        && isClean(e.errorMessage())
        && isClean(e.actorId())
        && isClean(e.machineId())
        && isClean(e.sessionHint());
  }

  private static boolean isClean(List<String> values) {
    if (values != null) {
      for (String v : values) {
        if (!isClean(v)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isClean(String s) {
    if (s == null) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static List<String> clean(List<String> values) {
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(clean(v));
    }
    return out;
  }

  static Event clean(Event e) {
    if (isClean(e)) {
      return e; // nearly every event: no copy of it or of its lists
    }
    return new Event(
        e.timestamp().truncatedTo(ChronoUnit.MICROS),
        clean(e.toolName()),
        clean(e.toolVersion()),
        clean(e.commandPath()),
        clean(e.flagsPresent()),
        e.exitCode(),
        e.durationMs(),
        clean(e.errorType()),
        clean(e.errorMessage()),
        clean(e.actorId()),
        clean(e.machineId()),
        clean(e.sessionHint()),
        e.ciDetected(),
        e.eventId(),
        e.platform());
  }

  /** A JSON value with every string (keys included) cleaned. */
  static Object cleanJson(Object value) {
    if (value instanceof String s) {
      return clean(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(clean(String.valueOf(k)), cleanJson(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(cleanJson(v)));
      return out;
    }
    return value;
  }
}
