package dev.clianalytics.server.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One log line per distinct unexpected failure (its class and route): the line names the class and
 * the code location it was thrown from, never its message (which may quote request data) nor its
 * stack. The same failure again within a minute is only counted; the next line for it says how many
 * were skipped, so a failure that hits every request cannot flood the log.
 */
final class FailureLog {
  static final long QUIET_NANOS = 60_000_000_000L;

  /** Distinct failures remembered; past this the memory starts over (costs one extra line each). */
  private static final int MAX_KEYS = 1_000;

  private final Logger log;
  private final LongSupplier nanoTime;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  private record Seen(long loggedAt, AtomicLong skipped) {}

  FailureLog(Logger log, LongSupplier nanoTime) {
    this.log = log;
    this.nanoTime = nanoTime;
  }

  /** Logs {@code failure} on {@code where} (a route, or "" when unknown) unless seen just now. */
  void failed(String what, Throwable failure, String where) {
    // not keyed on the frame: a deep recursion overflows in whichever method is on top
    String key = failure.getClass().getName() + where;
    long now = nanoTime.getAsLong();
    Seen last = seen.get(key);
    if (last != null && now - last.loggedAt() < QUIET_NANOS) {
      last.skipped().incrementAndGet();
      return;
    }
    if (seen.size() >= MAX_KEYS) {
      seen.clear();
    }
    Seen next = new Seen(now, new AtomicLong());
    if (last == null ? seen.putIfAbsent(key, next) != null : !seen.replace(key, last, next)) {
      // another request logged it at this moment
      seen.get(key).skipped().incrementAndGet();
      return;
    }
    long skipped = last == null ? 0 : last.skipped().get();
    log.error(
        "{} {} at {}{}{}",
        what,
        failure.getClass().getName(),
        origin(failure),
        where,
        skipped == 0 ? "" : " (" + skipped + " more since the last line for it)");
  }

  /** The frame that threw, as {@code Class.method(File.java:line)}, or "unknown". */
  static String origin(Throwable failure) {
    StackTraceElement[] trace = failure.getStackTrace();
    return trace.length == 0 ? "unknown" : trace[0].toString();
  }
}
