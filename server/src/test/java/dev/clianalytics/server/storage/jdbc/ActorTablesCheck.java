package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads from a database's own catalog which tables can hold an actor's data. */
final class ActorTablesCheck {
  private ActorTablesCheck() {}

  /**
   * Tables of the current schema with an identifier column (actor, machine, session hint) or a
   * free-form {@code payload} that may name one.
   */
  static Set<String> tablesWithActorData(SqlReads c) throws SQLException {
    return new TreeSet<>(
        c.list(
            "SELECT DISTINCT table_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema()"
                + " AND column_name IN ('actor_id', 'machine_id', 'session_hint', 'payload')",
            List.of(),
            rs -> rs.getString(1)));
  }
}
