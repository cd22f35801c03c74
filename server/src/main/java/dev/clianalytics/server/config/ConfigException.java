package dev.clianalytics.server.config;

/**
 * A configuration value that cannot be used. The message is one line naming the key, what is wrong
 * and how to fix it; it never contains a secret value.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
