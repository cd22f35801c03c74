package dev.clianalytics.server.storage.postgres;

import dev.clianalytics.server.storage.derived.DerivedRewrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full inference on PostgreSQL writes into new tables and swaps them in at the end, instead of
 * deleting every row and inserting again: no dead rows, no delete WAL, COPY with FREEZE, and
 * indexes built once from sorted data rather than updated row by row. Readers keep reading the old
 * tables until the swap, which waits for them ({@link PostgresInference#read} locks the derived
 * tables first, so a report never mixes old and new tables). The new tables get the live tables'
 * indexes, so the migrations stay the one place that defines them. One instance per transaction.
 */
final class PostgresRewrite implements DerivedRewrite {
  private static final String SUFFIX = "_rebuild";

  /** The lock readers take so that a swap cannot happen in the middle of their snapshot. */
  static final String READ_LOCK =
      "LOCK TABLE " + String.join(", ", TABLES) + " IN ACCESS SHARE MODE";

  /** The live indexes per table: name and the statement that builds it on the new table. */
  private final Map<String, Map<String, String>> indexes = new LinkedHashMap<>();

  @Override
  public void start(Connection c) throws SQLException {
    readIndexes(c);
    List<String> creates = new ArrayList<>();
    for (String table : TABLES) {
      creates.add(
          "CREATE TABLE "
              + table(table)
              + " (LIKE "
              + table
              + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)");
    }
    creates.addAll(rowSecurity(c));
    execute(c, creates);
  }

  /**
   * The new tables get the live tables' row-level security, which LIKE does not copy: on Supabase
   * the derived tables stay closed to the API roles after a swap (docs/supabase.md).
   */
  private static List<String> rowSecurity(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT t.name FROM unnest(?::text[]) AS t(name)"
                + " JOIN pg_class r ON r.oid = to_regclass(t.name) WHERE r.relrowsecurity")) {
      s.setArray(1, c.createArrayOf("text", TABLES.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add("ALTER TABLE " + rs.getString(1) + SUFFIX + " ENABLE ROW LEVEL SECURITY");
        }
      }
    }
    return out;
  }

  @Override
  public String table(String name) {
    return name + SUFFIX;
  }

  @Override
  public boolean fresh() {
    return true;
  }

  /**
   * The table's indexes, then {@code ANALYZE}: a new table has no planner statistics, and until
   * autovacuum gathered some (a minute or more later) PostgreSQL would plan the reports that run
   * right after the swap from guesses, such as sorting half a million runs to group them where a
   * hash table of a few dozen groups does (docs/server.md, "Uncached reports").
   *
   * <p>Workflow runs are first put in workflow order ({@code CLUSTER}), as they are written in
   * session order: a workflow's page then reads that workflow's runs from adjacent pages instead of
   * a few from each page of the table, and grouping every run by workflow follows the index in
   * table order. Runs written by later incremental inferences go at the end until the next full
   * inference. {@code CLUSTER} rebuilds every index of its table, so the other indexes are built
   * after it rather than twice.
   */
  @Override
  public List<String> finishTable(String name) {
    Map<String, String> rest = new LinkedHashMap<>(indexes.get(name));
    String order = CLUSTERED.get(name);
    List<String> statements = new ArrayList<>();
    if (order != null && rest.containsKey(order)) {
      statements.add(rest.remove(order));
      statements.add("CLUSTER " + table(name) + " USING " + order + SUFFIX);
    }
    statements.addAll(rest.values());
    statements.add("ANALYZE " + table(name));
    return statements;
  }

  /** The tables a full inference orders by an index, and that index. */
  private static final Map<String, String> CLUSTERED =
      Map.of("workflow_runs", "workflow_runs_workflow");

  @Override
  public void complete(Connection c) throws SQLException {
    List<String> swap = new ArrayList<>();
    swap.add("LOCK TABLE " + String.join(", ", TABLES) + " IN ACCESS EXCLUSIVE MODE");
    for (String table : TABLES) {
      swap.add("DROP TABLE " + table);
      swap.add("ALTER TABLE " + table(table) + " RENAME TO " + table);
      for (String index : indexes.get(table).keySet()) {
        swap.add("ALTER INDEX " + index + SUFFIX + " RENAME TO " + index);
      }
    }
    execute(c, swap);
  }

  // One round trip for many statements of DDL.
  private static void execute(Connection c, List<String> statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(String.join(";\n", statements));
    }
  }

  /** Each live table's indexes, defined again on the new table under a suffixed name. */
  private void readIndexes(Connection c) throws SQLException {
    for (String table : TABLES) {
      indexes.put(table, new LinkedHashMap<>());
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT t.name, i.relname, pg_get_indexdef(x.indexrelid), x.indisunique"
                + " FROM unnest(?::text[]) AS t(name)"
                + " JOIN pg_index x ON x.indrelid = to_regclass(t.name)"
                + " JOIN pg_class i ON i.oid = x.indexrelid ORDER BY t.name, i.relname")) {
      s.setArray(1, c.createArrayOf("text", TABLES.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String table = rs.getString(1);
          String name = rs.getString(2);
          String definition = rs.getString(3);
          // "CREATE INDEX name ON schema.table USING btree (...)": keep the method and columns.
          String using = definition.substring(definition.indexOf(" USING "));
          indexes
              .get(table)
              .put(
                  name,
                  (rs.getBoolean(4) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ")
                      + name
                      + SUFFIX
                      + " ON "
                      + table(table)
                      + using);
        }
      }
    }
  }
}
