package dev.clianalytics.server.config;

/**
 * Sets up slf4j-simple from {@code LOG_LEVEL}. Must run before the first logger is created, which
 * is why configuration loading itself never logs.
 */
public final class Logging {
  private Logging() {}

  /** Applies {@code level} to the server's loggers; Jetty and Javalin stay at WARN. */
  public static void configure(String level) {
    set("org.slf4j.simpleLogger.defaultLogLevel", level.toLowerCase(java.util.Locale.ROOT));
    set("org.slf4j.simpleLogger.showDateTime", "true");
    set("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    set("org.slf4j.simpleLogger.showThreadName", "false");
    set("org.slf4j.simpleLogger.showShortLogName", "true");
    set("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    set("org.slf4j.simpleLogger.log.io.javalin", "warn");
    // Jetty's parser warns once per oversized or malformed request, which is already answered
    // 4xx: at WARN anyone could fill the log by sending them
    set("org.slf4j.simpleLogger.log.org.eclipse.jetty.http.HttpParser", "error");
    // HikariCP logs broken connections with stack traces; an outage is reported by our own line
    set("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "error");
    // the ClickHouse client logs each failed request with a stack trace at WARN; the storage
    // reports the failure itself, in one line
    set("org.slf4j.simpleLogger.log.com.clickhouse", "error");
  }

  private static void set(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
