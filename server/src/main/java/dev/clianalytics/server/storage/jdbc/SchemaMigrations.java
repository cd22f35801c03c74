package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.server.storage.StorableEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies pending scripts and records them in {@code schema_migrations}, inside the caller's
 * transaction (the caller holds whatever lock keeps two instances from racing).
 */
public final class SchemaMigrations {
  private SchemaMigrations() {}

  public static void apply(Connection c, List<Migrations.Script> scripts, String timestampType)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY,"
              + " description varchar NOT NULL, applied_at "
              + timestampType
              + " NOT NULL)");
    }
    for (Migrations.Script script : Migrations.pending(scripts, applied(c))) {
      run(c, script);
    }
  }

  private static Set<Integer> applied(Connection c) throws SQLException {
    Set<Integer> versions = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM schema_migrations")) {
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
    }
    return versions;
  }

  private static void run(Connection c, Migrations.Script script) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String statement : script.statements()) {
        s.execute(statement);
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)")) {
      s.setInt(1, script.version());
      s.setString(2, script.description());
      s.setObject(3, Jdbc.utc(StorableEvents.micros(Instant.now())));
      s.executeUpdate();
    }
  }
}
