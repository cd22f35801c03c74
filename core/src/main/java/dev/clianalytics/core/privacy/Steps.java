package dev.clianalytics.core.privacy;

/**
 * A step counter for tests that every rule runs in time linear in its input (docs/privacy.md, "How
 * the rules are checked"). The scanning methods report how many characters they may look at; the
 * count is kept only when the JVM runs with {@code -Dclianalytics.privacy.countSteps=true}, so in
 * the client and the server every call folds away to nothing.
 */
final class Steps {
  private Steps() {}

  /** Read once: a constant the JIT removes the counting under. */
  static final boolean ON = Boolean.getBoolean("clianalytics.privacy.countSteps");

  /**
   * Null unless counting: no lambda or thread-local is set up on the client's hot path. Made by a
   * method of {@link Counter}, which the verifier does not check here, so that a run that does not
   * count never loads that class.
   */
  private static final ThreadLocal<long[]> COUNT = ON ? Counter.create() : null;

  /** A class rather than a lambda, whose bootstrap would cost every run of a client. */
  private static final class Counter extends ThreadLocal<long[]> {
    static ThreadLocal<long[]> create() {
      return new Counter();
    }

    @Override
    protected long[] initialValue() {
      return new long[1];
    }
  }

  static void add(int characters) {
    if (ON) {
      COUNT.get()[0] += Math.max(1, characters);
    }
  }

  /** Steps counted on this thread since the last reset. */
  static long count() {
    return ON ? COUNT.get()[0] : -1;
  }

  static void reset() {
    if (ON) {
      COUNT.get()[0] = 0;
    }
  }
}
