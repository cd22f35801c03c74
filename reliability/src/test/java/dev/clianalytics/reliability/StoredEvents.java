package dev.clianalytics.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stored event ids straight from the database, past the server and its API: what is on
 * disk is what counts after a crash.
 */
final class StoredEvents {
  private static final String IDS = "SELECT event_id FROM events";

  private StoredEvents() {}

  /** Every stored event id (as text) read through {@code c}, duplicates kept. */
  static List<String> ids(Connection c) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(IDS)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
