package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.server.storage.InferPartition;
import dev.clianalytics.server.storage.derived.DerivedRows;
import dev.clianalytics.server.storage.derived.PathTotals;
import dev.clianalytics.server.storage.derived.RowWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Erasure and retention of the derived rows on ClickHouse, with the same outcome as on PostgreSQL
 * (docs/privacy.md, docs/operations.md): {@code ALTER TABLE ... DELETE} mutations on the {@code
 * *_rows} tables, whatever generation wrote the rows, plus negative hot-path rows for the sessions
 * that go, committed under a generation of their own, which also tells cached reports to go.
 */
final class DerivedDeletes {
  /** The tables of derived rows holding actor ids. */
  static final List<String> BY_ACTOR =
      List.of(
          "workflow_runs_rows",
          "session_recovery_rows",
          "event_counts_rows",
          "error_counts_rows",
          "platform_counts_rows",
          "path_actors_rows",
          "sessions_rows");

  private static final List<String> ALL =
      List.of(
          "sessions_rows",
          "workflow_runs_rows",
          "session_recovery_rows",
          "event_counts_rows",
          "error_counts_rows",
          "platform_counts_rows",
          "path_totals_rows",
          "path_actors_rows",
          "workflow_weeks_rows");

  private final ClickHouseSql sql;
  private final ClickHouseReads reads;
  private final InferPartition layout;
  private final LongSupplier gens;

  /**
   * Negative hot-path rows are committed per share of {@code layout} (the instance's {@code
   * INFER_PARTITION} count), each under a generation from {@code gens} recorded as that share's, so
   * that a later full run of a share replaces them together with the rows they cancel.
   */
  DerivedDeletes(ClickHouseSql sql, InferPartition layout, LongSupplier gens) {
    this.sql = sql;
    this.reads = new ClickHouseReads(sql);
    this.layout = layout;
    this.gens = gens;
  }

  /** Every derived row of one stored actor id. */
  void actor(String actorId) throws SQLException {
    String actor = "actor_id = " + ClickHouseSql.quote(actorId);
    int share =
        (int)
            sql.queryLong(
                "SELECT cityHash64(" + ClickHouseSql.quote(actorId) + ") % " + layout.count());
    long gen = gens.getAsLong();
    subtractPaths(actor, gen);
    commit(gen, share);
    EventWrites.delete(
        sql,
        "derived_gone",
        "session_id IN (SELECT session_id FROM sessions_rows WHERE " + actor + ")");
    for (String table : BY_ACTOR) {
      EventWrites.delete(sql, table, actor);
    }
  }

  /**
   * What {@code ActorDeletes.before} removes on PostgreSQL: derived rows of sessions that ended
   * before {@code cutoff}, daily counts of days wholly before it, hot-path groups summing to zero,
   * and weekly workflow aggregates before {@code aggregateCutoff} (null: none), after rolling the
   * runs about to go up into them. Rows no view shows any more go too, whatever their day.
   */
  void before(Instant cutoff, Instant aggregateCutoff) throws SQLException {
    long micros = DerivedRows.micros(cutoff);
    String day = ClickHouseSql.quote(DerivedRows.day(cutoff));
    String ended = "session_id IN (SELECT session_id FROM sessions WHERE end_us < " + micros + ")";
    long gen = gens.getAsLong();
    sql.execute(
        "INSERT INTO workflow_weeks_rows (start_day, week, workflow, tool, category, auto, runs,"
            + " success, failed, abandoned, in_progress, actors, events, gen)"
            + " SELECT start_day, week, workflow, tool, category, auto, count(),"
            + " sum(CASE WHEN outcome = 'SUCCESS' THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN outcome = 'ABANDONED' THEN 1 ELSE 0 END),"
            + " sum(CASE WHEN outcome = 'IN_PROGRESS' THEN 1 ELSE 0 END),"
            + " count(DISTINCT actor_id), sum(events), "
            + gen
            + " FROM workflow_runs WHERE "
            + ended
            + " GROUP BY start_day, week, workflow, tool, category, auto");
    for (int share = 0; share < layout.count(); share++) {
      if (share > 0) {
        gen = gens.getAsLong();
      }
      InferPartition p = new InferPartition(share, layout.count());
      subtractPaths("end_us < " + micros + " AND " + p.clickHouseCondition(), gen);
      commit(gen, share);
    }
    if (aggregateCutoff != null) {
      EventWrites.delete(
          sql,
          "workflow_weeks_rows",
          "start_day < " + ClickHouseSql.quote(DerivedRows.day(aggregateCutoff)));
    }
    String sessionsEnded =
        "(session_id, gen) IN (SELECT session_id, gen FROM sessions_rows WHERE end_us < "
            + micros
            + ")";
    EventWrites.delete(sql, "workflow_runs_rows", sessionsEnded);
    EventWrites.delete(sql, "session_recovery_rows", sessionsEnded);
    EventWrites.delete(sql, "derived_gone", sessionsEnded);
    EventWrites.delete(sql, "sessions_rows", "end_us < " + micros);
    EventWrites.delete(sql, "event_counts_rows", "day < " + day);
    EventWrites.delete(sql, "error_counts_rows", "day < " + day);
    EventWrites.delete(sql, "platform_counts_rows", "day < " + day);
    compactPaths(day);
    dropInvisible();
  }

  // Expired sessions leave groups that sum to zero; drop them so no actor id outlives retention.
  // The groups are found first: a mutation evaluates its condition part by part, so a condition
  // on the sums of the table it mutates would change as it goes.
  private void compactPaths(String day) {
    deleteKeys(
        "path_actors_rows",
        "day, tool, sequence, actor_id",
        "SELECT day, tool, sequence, actor_id FROM path_actors WHERE day <= "
            + day
            + " GROUP BY day, tool, sequence, actor_id HAVING sum(failures) = 0");
    deleteKeys(
        "path_totals_rows",
        "day, tool, sequence",
        "SELECT day, tool, sequence FROM path_totals WHERE day <= "
            + day
            + " GROUP BY day, tool, sequence HAVING sum(failures) = 0 AND sum(occurrences) = 0");
  }

  private void deleteKeys(String table, String key, String query) {
    List<String[]> rows = sql.queryText(query);
    List<String> tuples = new java.util.ArrayList<>();
    for (String[] row : rows.subList(1, rows.size())) {
      tuples.add(
          "("
              + String.join(", ", java.util.Arrays.stream(row).map(ClickHouseSql::quote).toList())
              + ")");
    }
    for (int from = 0; from < tuples.size(); from += 1_000) {
      EventWrites.delete(
          sql,
          table,
          "("
              + key
              + ") IN ("
              + String.join(", ", tuples.subList(from, Math.min(tuples.size(), from + 1_000)))
              + ")");
    }
  }

  // Rows of inferences that never committed, or that a later full one replaced (all but the
  // weekly aggregates); called with no inference of this instance running, so no rows of its
  // inferences still to commit are among them. Another instance's inference may be running,
  // though: its uncommitted rows are left alone (only rows of replaced runs go for them).
  private void dropInvisible() {
    // the live runs as literals: a mutation's subquery runs on each shard, where the view that
    // lists them is not in the query's context
    List<String[]> rows = sql.queryText("SELECT gen FROM inference_live");
    List<String> live = new java.util.ArrayList<>();
    for (String[] row : rows.subList(1, rows.size())) {
      live.add(row[0]);
    }
    String replaced =
        "gen IN (SELECT gen FROM inference_runs)"
            + (live.isEmpty() ? "" : " AND gen NOT IN (" + String.join(", ", live) + ")");
    for (String table : ALL) {
      EventWrites.delete(
          sql,
          table,
          table.equals("workflow_weeks_rows")
              ? "gen NOT IN (SELECT gen FROM inference_runs)"
              : replaced);
    }
  }

  // Negative path rows for the sessions about to go, so the totals stay their sums.
  private void subtractPaths(String where, long gen) throws SQLException {
    PathTotals paths = new PathTotals();
    PathTotals.Flush write =
        p -> {
          try (RowWriter totals =
                  new GenRows(sql::insertRows, "path_totals", PathTotals.TOTALS, gen);
              RowWriter actors =
                  new GenRows(sql::insertRows, "path_actors", PathTotals.ACTORS, gen)) {
            p.writeTo(totals, actors);
          }
        };
    paths.subtract(reads, where, null, write);
    write.run(paths);
  }

  /**
   * Commits the rows written under {@code gen} as share {@code share}'s, with the state of that
   * share's last inference.
   */
  private void commit(long gen, int share) {
    InferPartition p = new InferPartition(share, layout.count());
    sql.execute(
        "INSERT INTO inference_runs (gen, last_seq, horizon_us, fingerprint, full, at_us, part,"
            + " parts) SELECT "
            + gen
            + ", s_last_seq, s_horizon_us, s_fingerprint, 0, "
            + DerivedRows.micros(Instant.now())
            + ", "
            + p.index()
            + ", "
            + p.count()
            + " FROM ("
            + ClickHouseInferenceTx.stateOf(p)
            + ")");
  }
}
