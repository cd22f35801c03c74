package dev.clianalytics.server.config;

/**
 * The allowed values of one whole-number setting, stated once: {@link ServerConfig} checks its
 * components against it and {@link ConfigLoader} names it when a value is not a number at all.
 */
record Range(String key, long min, long max, String rule) {
  /** A plain integer range. */
  static Range of(String key, long min, long max) {
    return new Range(key, min, max, "an integer from " + min + " to " + max);
  }

  /** Requests per second, 0 turning the limit off. */
  static Range rate(String key, long max) {
    return new Range(key, 0, max, "a whole number of requests per second from 0 (off) to " + max);
  }

  long check(long value) {
    if (value < min || value > max) {
      throw failure(Long.toString(value));
    }
    return value;
  }

  /** One line naming the key, the rule, the value as given and the fix. */
  ConfigException failure(String given) {
    return new ConfigException(key + " must be " + rule + ", was '" + given + "'; fix " + key);
  }
}
