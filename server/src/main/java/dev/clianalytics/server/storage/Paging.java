package dev.clianalytics.server.storage;

/** The argument checks of {@link Storage}'s paged reads, the same for every backend. */
public final class Paging {
  /** The most rows or events one page holds. */
  public static final int MAX_PAGE = 10_000;

  private Paging() {}

  /** {@code limit} when it is from 1 to {@link #MAX_PAGE}. */
  public static int limit(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_PAGE + ", was " + limit);
    }
    return limit;
  }

  /** {@code offset} when it is not negative. */
  public static int offset(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    return offset;
  }
}
