package dev.clianalytics.reliability;

import dev.clianalytics.server.Storages;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads the stored event ids straight from the database, past the server and its API: what is on
 * disk is what counts after a crash.
 */
final class StoredEvents {
  private static final String IDS = "SELECT event_id FROM events";

  private StoredEvents() {}

  /** Every stored event id (as text) in the test schema, duplicates kept. */
  static List<String> postgres(TestPostgres pg) throws SQLException {
    try (Connection c = pg.connect()) {
      return ids(c);
    }
  }

  /**
   * Every stored event id in the embedded database of {@code dataDir}, opened read-only; no server
   * may hold the file.
   */
  static List<String> embedded(Path dataDir) throws SQLException {
    Properties props = new Properties();
    props.setProperty("duckdb.read_only", "true");
    String url = "jdbc:duckdb:" + dataDir.resolve(Storages.EMBEDDED_FILE);
    try (Connection c = DriverManager.getConnection(url, props)) {
      return ids(c);
    }
  }

  private static List<String> ids(Connection c) throws SQLException {
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
