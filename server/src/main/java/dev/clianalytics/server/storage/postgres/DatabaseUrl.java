package dev.clianalytics.server.storage.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL {@code DATABASE_URL}, parsed once: either a libpq URI ({@code
 * postgresql://user:pass@host:port/db?sslmode=require}, as Supabase prints it, pooler included) or
 * a {@code jdbc:postgresql:} URL passed to the driver as given. The password never appears in
 * {@link #toString()} or in an error message.
 */
public final class DatabaseUrl {
  /** libpq query parameters understood here, mapped to their pgjdbc property names. */
  private static final Map<String, String> LIBPQ_PARAMETERS =
      Map.ofEntries(
          Map.entry("sslmode", "sslmode"),
          Map.entry("sslrootcert", "sslrootcert"),
          Map.entry("sslcert", "sslcert"),
          Map.entry("sslkey", "sslkey"),
          Map.entry("sslpassword", "sslpassword"),
          Map.entry("application_name", "ApplicationName"),
          Map.entry("connect_timeout", "connectTimeout"),
          Map.entry("options", "options"),
          Map.entry("target_session_attrs", "targetServerType"),
          Map.entry("currentSchema", "currentSchema"),
          Map.entry("user", "user"),
          Map.entry("password", "password"));

  /** Where the tables live unless {@code currentSchema} names another schema (docs/storage.md). */
  public static final String DEFAULT_SCHEMA = "cli_analytics";

  private static final String SCHEMA_PARAMETER = "currentSchema";

  /** Accepted and ignored: tools such as Prisma add it to Supabase pooler URLs. */
  private static final String PGBOUNCER_HINT = "pgbouncer";

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final Map<String, String> properties;
  private final String display;

  private DatabaseUrl(
      String jdbcUrl,
      String user,
      String password,
      Map<String, String> properties,
      String display) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.properties = Map.copyOf(properties);
    this.display = display;
  }

  /** Whether {@code value} names PostgreSQL (rather than leaving the embedded database). */
  public static boolean isPostgres(String value) {
    String v = value == null ? "" : value.strip();
    return v.startsWith("postgresql://")
        || v.startsWith("postgres://")
        || v.startsWith("jdbc:postgresql:");
  }

  /**
   * Parses a libpq URI or a {@code jdbc:postgresql:} URL.
   *
   * @throws IllegalArgumentException naming what is wrong and how to fix it, without the password
   */
  public static DatabaseUrl parse(String value) {
    Objects.requireNonNull(value, "value");
    String v = value.strip();
    if (v.startsWith("jdbc:postgresql:")) {
      Matcher schema = Pattern.compile("[?&]" + SCHEMA_PARAMETER + "=([^&]*)").matcher(v);
      Map<String, String> given =
          schema.find() ? Map.of(SCHEMA_PARAMETER, checkSchema(schema.group(1))) : Map.of();
      return new DatabaseUrl(v, null, null, given, maskJdbc(v));
    }
    if (v.startsWith("postgresql://")) {
      return parseLibpq(v.substring("postgresql://".length()), "postgresql://");
    }
    if (v.startsWith("postgres://")) {
      return parseLibpq(v.substring("postgres://".length()), "postgres://");
    }
    int schemeEnd = v.indexOf("://");
    String scheme = schemeEnd > 0 && schemeEnd <= 20 ? v.substring(0, schemeEnd) + "://" : "none";
    throw new IllegalArgumentException(
        "DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql: (its scheme"
            + " is "
            + scheme
            + "); unset it to use the embedded database");
  }

  private static DatabaseUrl parseLibpq(String rest, String scheme) {
    int at = userInfoEnd(rest);
    int query = rest.indexOf('?', at + 1);
    String beforeQuery = query < 0 ? rest : rest.substring(0, query);
    String userInfo = at < 0 ? "" : beforeQuery.substring(0, at);
    String hostAndDb = beforeQuery.substring(at + 1);
    int slash = hostAndDb.indexOf('/');
    String hosts = slash < 0 ? hostAndDb : hostAndDb.substring(0, slash);
    String database = slash < 0 ? "" : decode(hostAndDb.substring(slash + 1), "database name");
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(
          "DATABASE_URL has no host; write it as " + scheme + "user:password@host:5432/database");
    }
    checkPorts(hosts);
    if (database.isEmpty()) {
      throw new IllegalArgumentException(
          "DATABASE_URL has no database name; add it after the host, as in "
              + scheme
              + "user:password@host:5432/postgres");
    }
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
    String password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
    Map<String, String> properties = new LinkedHashMap<>();
    if (query >= 0) {
      parseQuery(rest.substring(query + 1), properties);
    }
    user = properties.containsKey("user") ? properties.remove("user") : user;
    password = properties.containsKey("password") ? properties.remove("password") : password;
    String jdbc = "jdbc:postgresql://" + hosts + "/" + encodePath(database);
    String display =
        scheme
            + (user == null || user.isEmpty() ? "" : user + (password == null ? "" : ":***") + "@")
            + hosts
            + "/"
            + database;
    return new DatabaseUrl(jdbc, emptyToNull(user), password, properties, display);
  }

  /**
   * Where the user info ends. The password may contain unencoded '/', '?' or '@' when pasted by
   * hand, so this is the last '@' followed by a '/' (an '@' in a query value does not count), or
   * the last '@' at all when none is; the query then starts at the first '?' after it.
   */
  private static int userInfoEnd(String rest) {
    int last = rest.lastIndexOf('@');
    for (int at = last; at >= 0; at = at == 0 ? -1 : rest.lastIndexOf('@', at - 1)) {
      if (rest.indexOf('/', at) >= 0) {
        return at;
      }
    }
    return last;
  }

  private static void parseQuery(String query, Map<String, String> properties) {
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq), "parameter name");
      String val = eq < 0 ? "" : decode(pair.substring(eq + 1), "value of parameter " + key);
      if (key.equals(PGBOUNCER_HINT)) {
        continue;
      }
      String property = LIBPQ_PARAMETERS.get(key);
      if (property == null) {
        throw new IllegalArgumentException(
            "DATABASE_URL parameter '"
                + key
                + "' is not supported; use one of "
                + LIBPQ_PARAMETERS.keySet().stream().sorted().toList()
                + " or give a jdbc:postgresql: URL with driver properties instead");
      }
      properties.put(
          property,
          switch (property) {
            case "connectTimeout" -> checkSeconds(val);
            case SCHEMA_PARAMETER -> checkSchema(val);
            default -> val;
          });
    }
  }

  private static String checkSeconds(String value) {
    if (!value.matches("[0-9]{1,4}")) {
      throw new IllegalArgumentException(
          "DATABASE_URL connect_timeout must be whole seconds, was '" + value + "'; e.g. 3");
    }
    return value;
  }

  private static String checkSchema(String value) {
    if (!value.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "DATABASE_URL currentSchema must be one lowercase schema name (letters, digits, '_'),"
              + " was '"
              + value
              + "'; leave it out to use "
              + DEFAULT_SCHEMA);
    }
    return value;
  }

  private static void checkPorts(String hosts) {
    for (String host : hosts.split(",")) {
      int colon = host.lastIndexOf(':');
      String name = colon < 0 || host.endsWith("]") ? host : host.substring(0, colon);
      if (!name.matches("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]")) {
        // Not shown either: a password with an unencoded '/' lands here when '@' is missing.
        throw new IllegalArgumentException(
            "DATABASE_URL host must be a host name or an IP address; write"
                + " user:password@host:port/database, and percent-encode ':' '@' '/' in the"
                + " password (%3A %40 %2F)");
      }
      if (colon < 0 || host.endsWith("]")) {
        continue;
      }
      String port = host.substring(colon + 1);
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
        // The value is not shown: without an '@' it may well be the password.
        throw new IllegalArgumentException(
            "DATABASE_URL port (after the host's ':') must be a number from 1 to 65535; write"
                + " user:password@host:port/database, and percent-encode ':' '@' '/' in the"
                + " password (%3A %40 %2F)");
      }
    }
  }

  private static String decode(String text, String what) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // Deliberately no value and no cause: the text may be the password.
      throw new IllegalArgumentException(
          "DATABASE_URL "
              + what
              + " has an invalid percent-encoding; write '%' as %25 and encode special"
              + " characters (e.g. '@' as %40)");
    }
  }

  private static String encodePath(String database) {
    return java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String maskJdbc(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***")
        .replaceAll("(//[^/@:]*:)[^/]*@", "$1***@");
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The JDBC URL without user name or password (those travel as driver properties). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The user name, or null when the URL leaves it to the driver. */
  public String user() {
    return user;
  }

  /**
   * The schema that holds the tables: the URL's {@code currentSchema}, else {@value
   * #DEFAULT_SCHEMA}. It is set per transaction rather than passed to the driver, because poolers
   * drop startup parameters (docs/storage.md, "Schema").
   */
  public String schema() {
    return properties.getOrDefault(SCHEMA_PARAMETER, DEFAULT_SCHEMA);
  }

  /** Whether the URL names the schema itself (then nothing is moved into it from public). */
  boolean schemaGiven() {
    return properties.containsKey(SCHEMA_PARAMETER);
  }

  /**
   * Driver properties from the URL's query, including user and password when given, without the
   * schema (see {@link #schema()}).
   */
  Properties driverProperties() {
    Properties p = new Properties();
    p.putAll(properties);
    p.remove(SCHEMA_PARAMETER);
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }

  /**
   * Opens one connection outside any pool, with the same driver settings the server uses (no
   * server-side prepared statements, short connect timeout), its search path set to {@link
   * #schema()} for the session. For tools, benchmarks and tests on a direct connection.
   */
  public Connection connect() throws SQLException {
    Properties props = PostgresPool.driverDefaults();
    props.putAll(driverProperties());
    Connection c = DriverManager.getConnection(jdbcUrl, props);
    try (java.sql.PreparedStatement s =
        c.prepareStatement("SELECT set_config('search_path', ?, false)")) {
      s.setString(1, schema());
      s.execute();
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Driver properties given in the URL's query, by pgjdbc name, without user and password. */
  public Map<String, String> parameters() {
    return properties;
  }

  /** The URL with the password masked, safe to log. */
  @Override
  public String toString() {
    return display;
  }
}
