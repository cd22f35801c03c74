package dev.clianalytics.server.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema that holds every table (docs/storage.md, "Schema"): created by {@code migrate}, filled
 * from {@code public} once when an older deployment kept its tables there, and, on a database that
 * has Supabase's API roles, closed to those roles with row-level security and no policies
 * (docs/supabase.md).
 */
final class PostgresSchema {
  /** The roles Supabase's REST and GraphQL APIs run as; their presence means "on Supabase". */
  static final List<String> SUPABASE_API_ROLES = List.of("anon", "authenticated");

  private final String name;
  private final List<String> apiRoles;

  PostgresSchema(String name, List<String> apiRoles) {
    this.name = name;
    this.apiRoles = List.copyOf(apiRoles);
  }

  String name() {
    return name;
  }

  /**
   * Makes {@link #name()} the search path until the transaction ends. Every transaction on a pooled
   * connection starts with this: behind a transaction-mode pooler a session setting would not stay
   * with the next transaction, while SET LOCAL always does. Called after any {@code SET
   * TRANSACTION}, which must come first.
   */
  void enter(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // The name was checked to be a plain lowercase identifier (DatabaseUrl).
      s.execute("SET LOCAL search_path TO " + name);
    }
  }

  /**
   * Creates the schema if missing; called under the migration lock. The check is a query, not
   * {@code IF NOT EXISTS}: that one reads the backend's catalog cache, which taking an advisory
   * lock does not refresh, so a second instance that waited for the first would still miss its
   * schema and fail on the duplicate.
   */
  void create(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    }
  }

  /**
   * Moves the tables of a deployment made before the schema existed from {@code public} into it,
   * when the schema has no migration history yet and {@code public} has ours (with our {@code
   * events}, not the {@code events(id, payload)} table of a Supabase starter setup). Indexes,
   * constraints and identity sequences move with their tables; rows are not copied.
   *
   * @return the tables moved
   */
  List<String> adoptFromPublic(Connection c) throws SQLException {
    if (name.equals("public") || history(c, name) || !history(c, "public") || !oursInPublic(c)) {
      return List.of();
    }
    List<String> tables = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')"
                + " AND c.relname = ANY(?) ORDER BY c.relname")) {
      s.setArray(1, c.createArrayOf("text", OUR_TABLES.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute("ALTER TABLE public." + table + " SET SCHEMA " + name);
      }
    }
    return tables;
  }

  /**
   * On a database with Supabase's API roles: takes every right on the schema and its tables from
   * those roles and enables row-level security, without policies, on every table in it, so even a
   * later grant (or exposing the schema in the API settings) reads no rows. The server connects as
   * the tables' owner, which row-level security does not restrict. Idempotent; run after every
   * migration so tables added later are covered too.
   *
   * @return whether the database has those roles
   */
  boolean closeToApiRoles(Connection c) throws SQLException {
    List<String> present = presentApiRoles(c);
    if (present.isEmpty()) {
      return false;
    }
    String roles = String.join(", ", present);
    List<String> statements = new ArrayList<>();
    statements.add("REVOKE ALL ON SCHEMA " + name + " FROM " + roles);
    statements.add("REVOKE ALL ON ALL TABLES IN SCHEMA " + name + " FROM " + roles);
    statements.add("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + name + " FROM " + roles);
    statements.add(
        "ALTER DEFAULT PRIVILEGES IN SCHEMA " + name + " REVOKE ALL ON TABLES FROM " + roles);
    for (String table : tables(c)) {
      statements.add("ALTER TABLE " + name + "." + table + " ENABLE ROW LEVEL SECURITY");
    }
    try (Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
    return true;
  }

  private List<String> presentApiRoles(Connection c) throws SQLException {
    List<String> present = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(?) ORDER BY rolname")) {
      s.setArray(1, c.createArrayOf("text", apiRoles.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          present.add(quote(rs.getString(1)));
        }
      }
    }
    return present;
  }

  private List<String> tables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(quote(rs.getString(1)));
        }
      }
    }
    return tables;
  }

  private static boolean history(Connection c, String schema) throws SQLException {
    return column(c, schema, "schema_migrations", "version");
  }

  private static boolean oursInPublic(Connection c) throws SQLException {
    return column(c, "public", "events", "event_id") && column(c, "public", "events", "seq");
  }

  private static boolean column(Connection c, String schema, String table, String column)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? AND column_name = ?")) {
      s.setString(1, schema);
      s.setString(2, table);
      s.setString(3, column);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** Every table the PostgreSQL migrations have ever created, the history table included. */
  static final List<String> OUR_TABLES =
      List.of(
          "schema_migrations",
          "events",
          "documents",
          "inference_state",
          "sessions",
          "workflow_runs",
          "session_paths",
          "session_recovery",
          "event_counts",
          "error_counts",
          "infer_ranges",
          "doomed_sessions",
          "path_totals",
          "path_actors",
          "workflow_weeks",
          "platform_counts");
}
