package dev.clianalytics.core.event;

import java.time.Duration;

/** The size limits of schema v1 (docs/storage.md). Strings over a limit are truncated. */
public final class Limits {
  public static final int TOOL_NAME = 64;
  public static final int TOOL_VERSION = 64;
  public static final int PATH_ELEMENT = 32;
  public static final int PATH_ELEMENTS = 6;
  public static final int FLAG = 64;
  public static final int FLAGS = 64;
  public static final int ERROR_TYPE = 128;
  public static final int ERROR_MESSAGE = 512;

  /** Identifiers longer than this are refused rather than hashed: they are not identifiers. */
  public static final int IDENTIFIER = 1024;

  /** Timestamps further ahead of receipt than this are rejected. */
  public static final Duration MAX_FUTURE = Duration.ofHours(1);

  /** Timestamps further behind receipt than this are rejected. */
  public static final Duration MAX_PAST = Duration.ofDays(90);

  /** Longest accepted {@code duration_ms}: 7 days. */
  public static final long MAX_DURATION_MS = Duration.ofDays(7).toMillis();

  private Limits() {}

  /** Cuts {@code s} to at most {@code max} characters without splitting a surrogate pair. */
  public static String truncate(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
