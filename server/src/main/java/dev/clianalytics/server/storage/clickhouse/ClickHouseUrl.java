package dev.clianalytics.server.storage.clickhouse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse {@code DATABASE_URL}: {@code
 * clickhouse://[user[:password]@]host[:http_port]/database} with {@code ?secure=true} for HTTPS
 * (see docs/scaling-out.md). The HTTP port defaults to 8123 (8443 when secure), the user to {@code
 * default}. The password never appears in {@link #toString()} or in an error message.
 */
public record ClickHouseUrl(
    String user, String password, String host, int port, String database, boolean secure) {
  private static final String SCHEME = "clickhouse://";
  private static final Pattern URL =
      Pattern.compile(
          "(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?@]+)(?::([0-9]{1,5}))?/([^/?]*)(?:\\?(.*))?");
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  public ClickHouseUrl {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
  }

  /** Whether {@code value} names ClickHouse. */
  public static boolean isClickHouse(String value) {
    return value != null && value.strip().startsWith(SCHEME);
  }

  /**
   * Parses {@code clickhouse://...}.
   *
   * @throws IllegalArgumentException naming what is wrong and how to fix it, without the password
   */
  public static ClickHouseUrl parse(String value) {
    String v = Objects.requireNonNull(value, "value").strip();
    if (!v.startsWith(SCHEME)) {
      throw new IllegalArgumentException("a ClickHouse DATABASE_URL starts with " + SCHEME);
    }
    Matcher m = URL.matcher(v.substring(SCHEME.length()));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "DATABASE_URL "
              + mask(v)
              + " is not clickhouse://[user[:password]@]host[:http_port]/database[?secure=true]");
    }
    boolean secure = secure(m.group(6), v);
    String database = m.group(5);
    if (!DATABASE.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "DATABASE_URL "
              + mask(v)
              + " must name a database of letters, digits and '_' after the host, such as"
              + " clickhouse://host:8123/analytics");
    }
    int port = m.group(4) == null ? (secure ? 8443 : 8123) : Integer.parseInt(m.group(4));
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          "DATABASE_URL " + mask(v) + " has port " + port + "; use 1 to 65535");
    }
    String user = m.group(1) == null || m.group(1).isEmpty() ? "default" : decode(m.group(1));
    String password = m.group(2) == null ? "" : decode(m.group(2));
    return new ClickHouseUrl(user, password, m.group(3), port, database, secure);
  }

  private static boolean secure(String query, String url) {
    if (query == null || query.isEmpty()) {
      return false;
    }
    return switch (query) {
      case "secure=true" -> true;
      case "secure=false" -> false;
      default ->
          throw new IllegalArgumentException(
              "DATABASE_URL "
                  + mask(url)
                  + " has query '"
                  + query
                  + "'; the only parameter understood is secure=true or secure=false");
    };
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The HTTP endpoint the client connects to. */
  public String endpoint() {
    return (secure ? "https://" : "http://") + host + ":" + port;
  }

  /** The URL with the password replaced by {@code ***}. */
  @Override
  public String toString() {
    String auth = password.isEmpty() ? user : user + ":***";
    return SCHEME
        + auth
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database
        + (secure ? "?secure=true" : "");
  }

  private static String mask(String url) {
    return url.replaceFirst("^(clickhouse://[^:@/]*):[^@/]*@", "$1:***@");
  }
}
