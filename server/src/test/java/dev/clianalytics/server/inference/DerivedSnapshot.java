package dev.clianalytics.server.inference;

import dev.clianalytics.server.storage.SqlReads;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.jdbc.JdbcReads;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every derived table as sorted rows of text, with the additive daily counts summed per key, so two
 * inferences over the same events can be compared exactly. Public for the crash tests, which read
 * the tables of a server process straight from its database.
 */
public final class DerivedSnapshot {
  private static final Map<String, String> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("sessions", "SELECT * FROM sessions ORDER BY session_id");
    QUERIES.put("workflow_runs", "SELECT * FROM workflow_runs ORDER BY instance_id");
    QUERIES.put("session_recovery", "SELECT * FROM session_recovery ORDER BY session_id, command");
    QUERIES.put(
        "event_counts",
        "SELECT day, week, actor_id, tool, command, subcommand, ci, sum(events), sum(successes),"
            + " sum(failures) FROM event_counts GROUP BY day, week, actor_id, tool, command,"
            + " subcommand, ci ORDER BY day, actor_id, command, ci");
    QUERIES.put(
        "error_counts",
        "SELECT day, actor_id, tool, error_type, sum(events) FROM error_counts"
            + " GROUP BY day, actor_id, tool, error_type ORDER BY day, actor_id, tool, error_type");
    QUERIES.put(
        "platform_counts",
        "SELECT day, week, actor_id, tool, tool_version, os, arch, runtime, sum(events)"
            + " FROM platform_counts GROUP BY day, week, actor_id, tool, tool_version, os, arch,"
            + " runtime ORDER BY day, actor_id, tool, tool_version, os, arch, runtime");
  }

  static {
    QUERIES.put(
        "path_totals",
        "SELECT day, tool, sequence, sum(failures), sum(occurrences) FROM path_totals"
            + " GROUP BY day, tool, sequence HAVING sum(failures) <> 0 OR sum(occurrences) <> 0"
            + " ORDER BY day, tool, sequence");
    QUERIES.put(
        "path_actors",
        "SELECT day, tool, sequence, actor_id, sum(failures) FROM path_actors"
            + " GROUP BY day, tool, sequence, actor_id HAVING sum(failures) <> 0"
            + " ORDER BY day, tool, sequence, actor_id");
  }

  private DerivedSnapshot() {}

  static Map<String, List<List<String>>> of(Storage storage) {
    return storage.inference().read(DerivedSnapshot::of);
  }

  /** Every derived table read through {@code c}, a connection to a server's database. */
  public static Map<String, List<List<String>>> of(Connection c) throws SQLException {
    return of(new JdbcReads(c));
  }

  /** Every derived table read through {@code c}. */
  public static Map<String, List<List<String>>> of(SqlReads c) throws SQLException {
    Map<String, List<List<String>>> tables = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : QUERIES.entrySet()) {
      tables.put(q.getKey(), c.list(q.getValue(), List.of(), DerivedSnapshot::row));
    }
    // next_commands is a map written in the order its commands first followed a failure; readers
    // merge it, so two equal maps in another order are the same figures.
    for (List<String> row : tables.get("session_recovery")) {
      row.set(7, String.join("\n", new java.util.TreeSet<>(List.of(row.get(7).split("\n")))));
    }
    return tables;
  }

  /**
   * The rows that differ between two snapshots, per table, at most 10 a side: a readable failure
   * message where the whole tables would be megabytes.
   */
  public static String diff(
      Map<String, List<List<String>>> expected, Map<String, List<List<String>>> actual) {
    StringBuilder out = new StringBuilder();
    for (String table : expected.keySet()) {
      List<List<String>> missing = new ArrayList<>(expected.get(table));
      missing.removeAll(actual.getOrDefault(table, List.of()));
      List<List<String>> extra = new ArrayList<>(actual.getOrDefault(table, List.of()));
      extra.removeAll(expected.get(table));
      if (!missing.isEmpty() || !extra.isEmpty()) {
        out.append(table)
            .append(": missing ")
            .append(missing.size())
            .append(' ')
            .append(missing.subList(0, Math.min(10, missing.size())))
            .append("; unexpected ")
            .append(extra.size())
            .append(' ')
            .append(extra.subList(0, Math.min(10, extra.size())))
            .append('\n');
      }
    }
    return out.toString();
  }

  private static List<String> row(SqlReads.Row rs) throws SQLException {
    int columns = rs.columns();
    List<String> row = new ArrayList<>(columns);
    for (int i = 1; i <= columns; i++) {
      row.add(String.valueOf(rs.getObject(i)));
    }
    return row;
  }
}
