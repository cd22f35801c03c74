package dev.clianalytics.server.testing;

import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh PostgreSQL database of its own for tests that need the {@code public} schema or the
 * database-wide defaults to themselves (in the cluster {@code TEST_DATABASE_URL} names; skipped or
 * failed as {@link TestPostgres} is when unset). Dropped, with any open sessions, by {@link
 * #close()}.
 */
public final class TestDatabase implements AutoCloseable {
  private final String baseUrl;
  private final String name;

  private TestDatabase(String baseUrl, String name) {
    this.baseUrl = baseUrl;
    this.name = name;
  }

  public static TestDatabase create(Class<?> testClass) {
    return create(testClass, "");
  }

  /**
   * A fresh database created with {@code options}, the text after {@code CREATE DATABASE name}
   * (such as a template and a locale).
   */
  public static TestDatabase create(Class<?> testClass, String options) {
    String base = TestPostgres.configuredUrl();
    TestDatabase db = new TestDatabase(base, TestPostgres.uniqueName(testClass));
    admin("CREATE DATABASE " + db.name + (options.isEmpty() ? "" : " " + options));
    return db;
  }

  /** The URL of this database: {@code TEST_DATABASE_URL} with its database name replaced. */
  public String url() {
    return baseUrl.replaceFirst("(//[^/]*/)[^/?]+", "$1" + name);
  }

  /** {@link #url()} with {@code query} (such as {@code currentSchema=public}) appended. */
  public String url(String query) {
    return url() + (url().contains("?") ? "&" : "?") + query;
  }

  public String name() {
    return name;
  }

  /** A direct connection to this database as the test user, search path {@code public}. */
  public Connection connect() throws SQLException {
    return DatabaseUrl.parse(url("currentSchema=public")).connect();
  }

  /** Runs statements in this database (autocommit), as the test user. */
  public void execute(String... sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test database statement failed: " + e.getMessage(), e);
    }
  }

  /** Runs one statement in the database {@code TEST_DATABASE_URL} names (for cluster-wide DDL). */
  public static void admin(String sql) {
    try (Connection c = DatabaseUrl.parse(TestPostgres.configuredUrl()).connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test cluster statement failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
