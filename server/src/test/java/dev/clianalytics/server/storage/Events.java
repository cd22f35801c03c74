package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.testing.Ev;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Storage test data: events with every field set or only the required ones (built with core's
 * {@link Ev}), and events whose text breaks naive quoting.
 */
public final class Events {
  public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  private Events() {}

  public static Event full(String actor, Instant ts) {
    return Ev.at(ts)
        .cmd("git commit")
        .version("2.45.1")
        .flags("--amend", "-m")
        .exit(1)
        .duration(1234)
        .error("MergeConflict")
        .message("CONFLICT (content): Merge conflict in <path>")
        .actor(actor)
        .machine("machine-" + actor)
        .hint("session-" + actor)
        .ci()
        .platform("linux", "amd64", "java-21")
        .id(UUID.randomUUID())
        .build();
  }

  public static Event minimal(String actor, Instant ts) {
    return Ev.at(ts).cmd("kubectl").version(null).actor(actor).id(UUID.randomUUID()).build();
  }

  public static List<Event> many(int n, String actorPrefix, int actors) {
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Event e =
          i % 2 == 0
              ? full(actorPrefix + (i % actors), T0.plusSeconds(i))
              : minimal(actorPrefix + (i % actors), T0.plusSeconds(i));
      out.add(e);
    }
    return out;
  }

  /** Characters that break naive quoting in CSV, array literals, JSON or UTF-8 handling. */
  private static final String[] TRICKY = {
    "\"", "\\", ",", "{", "}", "\n", "\r", "\t", "'", "NULL", "\\N", " ", "é", "日", "😀", "\u0000",
    "\uD800", "\uDFFF", "\u2028", "a", "Z", "9", ";", "--", "$$", "%"
  };

  public static String tricky(Random random) {
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      out.append(TRICKY[random.nextInt(TRICKY.length)]);
    }
    return out.toString();
  }

  /** An event whose every string field is {@link #tricky(Random)}. */
  public static Event tricky(Random random, Instant ts) {
    return new Event(
        ts,
        tricky(random),
        tricky(random),
        List.of(tricky(random), tricky(random)),
        List.of(tricky(random)),
        random.nextInt(),
        random.nextBoolean() ? null : (long) random.nextInt(Integer.MAX_VALUE),
        tricky(random),
        tricky(random),
        tricky(random),
        tricky(random),
        tricky(random),
        random.nextBoolean(),
        UUID.randomUUID());
  }

  /** Quotes, separators, escapes and non-ASCII text in every string field. */
  public static Event unicode() {
    return new Event(
        T0,
        "tööl \"q\" \\ ,;\t\n",
        "β-1 🚀",
        List.of("tööl", "sub \"x\" {a,b} \\", "NULL", ""),
        List.of("--ünï", "-x,y"),
        -1,
        0L,
        "Err\u00e9",
        "line1\nline2\r\n\"quoted\", 'single' \\back {brace} 日本語 😀",
        "actor \"a\"",
        "m,1",
        "s\\1",
        false,
        UUID.randomUUID());
  }

  public static Event withErrorMessage(Event e, String message) {
    return new Event(
        e.timestamp(),
        e.toolName(),
        e.toolVersion(),
        e.commandPath(),
        e.flagsPresent(),
        e.exitCode(),
        e.durationMs(),
        e.errorType(),
        message,
        e.actorId(),
        e.machineId(),
        e.sessionHint(),
        e.ciDetected(),
        e.eventId(),
        e.platform());
  }
}
