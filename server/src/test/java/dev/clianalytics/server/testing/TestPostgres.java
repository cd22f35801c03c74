package dev.clianalytics.server.testing;

import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty PostgreSQL schema for one test class, inside the database that {@code
 * TEST_DATABASE_URL} names (libpq or {@code jdbc:postgresql:} form). When the variable is unset the
 * test is skipped with a visible reason, except under {@code CI=true} where it fails.
 *
 * <pre>{@code
 * static TestPostgres pg;
 * @BeforeAll static void start() { pg = TestPostgres.create(MyTest.class); }
 * @AfterAll static void stop() { pg.close(); }
 * ... Storages.open(pg.databaseUrl(), dir) ...
 * }</pre>
 */
public final class TestPostgres implements AutoCloseable {
  public static final String ENV = "TEST_DATABASE_URL";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String baseUrl;
  private final String schema;

  private TestPostgres(String baseUrl, String schema) {
    this.baseUrl = baseUrl;
    this.schema = schema;
  }

  /** Creates a new schema named after {@code testClass}; skips or fails when not configured. */
  public static TestPostgres create(Class<?> testClass) {
    String url = configuredUrl();
    String schema = uniqueName(testClass);
    TestPostgres pg = new TestPostgres(url, schema);
    pg.execute("CREATE SCHEMA " + schema);
    return pg;
  }

  /** A new schema or database name: {@code t_<test class>_<random hex>}. */
  public static String uniqueName(Class<?> testClass) {
    String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return "t_"
        + name.substring(0, Math.min(name.length(), 40))
        + "_"
        + HexFormat.of().toHexDigits(RANDOM.nextInt());
  }

  /** The value of {@code TEST_DATABASE_URL}; skips, or fails under {@code CI=true}, when unset. */
  public static String configuredUrl() {
    String url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      String reason =
          ENV
              + " is not set, so the PostgreSQL tests cannot run; set it to e.g."
              + " postgresql://postgres@127.0.0.1:5432/mydb_test";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(reason + " (required because CI=true)");
      }
      Assumptions.abort(reason);
    }
    return url.strip();
  }

  /**
   * A {@code DATABASE_URL} that points at this schema (via the {@code currentSchema} parameter).
   */
  public String databaseUrl() {
    return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** The schema name. */
  public String schema() {
    return schema;
  }

  /** A direct connection to the test database whose search path is this schema. */
  public Connection connect() throws SQLException {
    return DatabaseUrl.parse(databaseUrl()).connect();
  }

  /** Runs one SQL statement on a direct connection (autocommit). */
  public void execute(String sql) {
    try (Connection c = DatabaseUrl.parse(baseUrl).connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database statement failed: " + e.getMessage(), e);
    }
  }

  /** Drops the schema and everything in it. */
  @Override
  public void close() {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }
}
