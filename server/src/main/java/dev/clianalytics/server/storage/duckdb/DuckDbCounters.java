package dev.clianalytics.server.storage.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code counters} table: seqs handed out so far, so they are never reused. */
final class DuckDbCounters {
  private DuckDbCounters() {}

  static long last(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT last_value FROM counters WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("counter " + name + " is missing; the schema is incomplete");
        }
        return rs.getLong(1);
      }
    }
  }

  static void advance(Connection c, String name, long value) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE counters SET last_value = ? WHERE name = ?")) {
      s.setLong(1, value);
      s.setString(2, name);
      s.executeUpdate();
    }
  }
}
