package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.core.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Streams the events of one query to a sink. {@code tail} is everything after the select list
 * ({@code FROM events e ... ORDER BY ...}), with values written as literals so the same text works
 * for COPY, which takes no parameters (see {@link SqlDialect#scanEvents}).
 */
final class EventScanner {
  private EventScanner() {}

  /** Plain JDBC with a bounded fetch size: works on every dialect. */
  static long jdbc(Connection c, String tail, Consumer<Event> sink) throws SQLException {
    String columns = "e." + EventRows.COLUMNS.replace(", ", ", e.");
    long n = 0;
    try (PreparedStatement s = c.prepareStatement("SELECT " + columns + " " + tail)) {
      s.setFetchSize(SqlRows.FETCH_SIZE);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          sink.accept(EventRows.read(rs).event());
          n++;
        }
      }
    }
    return n;
  }
}
