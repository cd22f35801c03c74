package dev.clianalytics.server.storage.derived;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * How a full inference replaces every derived row inside its transaction: {@link #start} before the
 * first row, rows written to {@link #table}, {@link #complete} after the last.
 */
public interface DerivedRewrite {
  /** Every table a full inference rewrites. */
  List<String> TABLES =
      List.of(
          "sessions",
          "workflow_runs",
          "session_recovery",
          "event_counts",
          "error_counts",
          "platform_counts",
          "path_totals",
          "path_actors");

  void start(Connection c) throws SQLException;

  /** The table that rows for derived table {@code name} go to while the rewrite runs. */
  String table(String name);

  /** True when {@link #table} names tables created by this transaction (COPY may freeze rows). */
  boolean fresh();

  /**
   * Statements to run once every row of {@code name} is written (index builds), which may run in
   * the background while other tables are still being written.
   */
  List<String> finishTable(String name);

  /** Makes the written rows the derived tables, after every {@link #finishTable} statement ran. */
  void complete(Connection c) throws SQLException;

  /** Deletes every row first and writes in place (DuckDB, where deleting everything is cheap). */
  DerivedRewrite IN_PLACE =
      new DerivedRewrite() {
        @Override
        public void start(Connection c) throws SQLException {
          for (String table : TABLES) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table)) {
              s.executeUpdate();
            }
          }
        }

        @Override
        public String table(String name) {
          return name;
        }

        @Override
        public boolean fresh() {
          return false;
        }

        @Override
        public List<String> finishTable(String name) {
          return List.of();
        }

        @Override
        public void complete(Connection c) {}
      };
}
