package dev.clianalytics.server.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;

/** Reads from a database's own catalog which tables can hold an actor's data. */
final class ActorTablesCheck {
  private ActorTablesCheck() {}

  /**
   * Tables of the current schema with an identifier column (actor, machine, session hint) or a
   * free-form {@code payload} that may name one.
   */
  static Set<String> tablesWithActorData(Connection c) throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT DISTINCT table_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema()"
                    + " AND column_name IN ('actor_id', 'machine_id', 'session_hint', 'payload')");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }
}
