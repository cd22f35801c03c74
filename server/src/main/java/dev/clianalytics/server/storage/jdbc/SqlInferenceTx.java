package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.SessionResult;
import dev.clianalytics.core.session.Recompute;
import dev.clianalytics.core.session.SessionSpan;
import dev.clianalytics.server.storage.InferenceState;
import dev.clianalytics.server.storage.InferenceTx;
import dev.clianalytics.server.storage.derived.DerivedRewrite;
import dev.clianalytics.server.storage.derived.DerivedRows;
import dev.clianalytics.server.storage.derived.DerivedWriters;
import dev.clianalytics.server.storage.derived.EventCounts;
import dev.clianalytics.server.storage.derived.PathTotals;
import dev.clianalytics.server.storage.derived.RowWriter;
import dev.clianalytics.server.storage.derived.Spans;
import dev.clianalytics.server.storage.derived.TieOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inference on two connections: {@code writer} (holding the exclusivity, derived reads and all
 * derived writes, committed by the caller) and {@code reader}, which streams events and is rolled
 * back afterwards. The SQL is shared; what differs goes through the {@link SqlDialect}.
 */
public final class SqlInferenceTx implements InferenceTx {
  private static final Logger LOG = LoggerFactory.getLogger(SqlInferenceTx.class);
  // Ties of actor and timestamp are put in event id order by TieOrder, not by the database.
  private static final String ORDER = " ORDER BY e.actor_id, e.ts";
  private static final List<String> COUNT_TABLES =
      List.of("event_counts", "error_counts", "platform_counts", "path_totals", "path_actors");

  private final Connection writer;
  private final Connection reader;
  private final RowWriter.Factory rows;
  private final SqlDialect dialect;
  private final PathTotals paths = new PathTotals();
  private final DerivedWriters out;

  public SqlInferenceTx(
      Connection writer,
      Connection reader,
      SqlDialect dialect,
      RowWriter.Factory rows,
      DerivedRewrite rewrite) {
    this.writer = writer;
    this.reader = reader;
    this.rows = rows;
    this.dialect = dialect;
    this.out = new DerivedWriters(writer, rows, rewrite);
  }

  /** Sets up the planner for an inference; see {@link SqlDialect#preferIndexJoins}. */
  public void preferIndexJoins() throws SQLException {
    dialect.preferIndexJoins(writer, reader);
  }

  @Override
  public InferenceState state() {
    return call(
        () -> {
          try (PreparedStatement s =
                  writer.prepareStatement(
                      "SELECT last_seq, horizon_us, fingerprint, generation FROM inference_state"
                          + " WHERE id = 1");
              ResultSet rs = s.executeQuery()) {
            rs.next();
            long horizon = rs.getLong(2);
            Instant h = rs.wasNull() ? null : DerivedRows.instant(horizon);
            return new InferenceState(rs.getLong(1), h, rs.getString(3), rs.getLong(4));
          }
        });
  }

  @Override
  public long lastSeq() {
    return call(() -> dialect.committedSeq(writer));
  }

  @Override
  public Instant newestTimestamp(long throughSeq) {
    return call(
        () -> {
          try (PreparedStatement s =
              writer.prepareStatement("SELECT max(ts) FROM events WHERE seq <= ?")) {
            s.setLong(1, throughSeq);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getObject(1) == null ? null : EventRows.instant(rs, 1);
            }
          }
        });
  }

  @Override
  public long countEvents(long afterSeq, long throughSeq) {
    return call(
        () -> {
          try (PreparedStatement s =
              writer.prepareStatement("SELECT count(*) FROM events WHERE seq > ? AND seq <= ?")) {
            s.setLong(1, afterSeq);
            s.setLong(2, throughSeq);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public long sliceEnd(long afterSeq, long throughSeq, long n) {
    return call(
        () -> {
          try (PreparedStatement s =
              writer.prepareStatement(
                  "SELECT seq FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT 1 OFFSET ?")) {
            s.setLong(1, afterSeq);
            s.setLong(2, throughSeq);
            s.setLong(3, n - 1);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next() ? rs.getLong(1) : throughSeq;
            }
          }
        });
  }

  @Override
  public void forEachEvent(long afterSeq, long throughSeq, Consumer<Event> sink) {
    String tail = "FROM events e WHERE e.seq > " + afterSeq + " AND e.seq <= " + throughSeq + ORDER;
    call(() -> scan(tail, sink));
  }

  @Override
  public void forEachEventIn(List<Recompute> ranges, long throughSeq, Consumer<Event> sink) {
    if (ranges.isEmpty()) {
      return;
    }
    String tail =
        "FROM infer_ranges r JOIN events e ON e.actor_id = r.actor_id"
            + " AND coalesce(e.session_hint, '') = r.hint AND e.ts >= r.from_ts"
            + " AND e.ts <= r.to_ts WHERE e.seq <= "
            + throughSeq
            + ORDER;
    call(
        () -> {
          Spans.putRanges(reader, rows, ranges, Duration.ZERO);
          return scan(tail, sink);
        });
  }

  private long scan(String tail, Consumer<Event> sink) throws SQLException {
    TieOrder ordered = new TieOrder(sink);
    long n = dialect.scanEvents(reader, tail, ordered);
    ordered.finish();
    return n;
  }

  @Override
  public List<SessionSpan> sessionsNear(List<Recompute> around, Duration margin) {
    if (around.isEmpty()) {
      return List.of();
    }
    String sql =
        "SELECT DISTINCT s.session_id, s.actor_id, s.hint, s.start_us, s.end_us, s.is_open"
            + " FROM infer_ranges r JOIN sessions s ON s.actor_id = r.actor_id AND s.hint = r.hint"
            + " AND s.end_us >= r.from_us AND s.start_us <= r.to_us";
    return call(
        () -> {
          Spans.putRanges(writer, rows, around, margin);
          List<SessionSpan> spans = Spans.read(writer, sql);
          try (PreparedStatement s = writer.prepareStatement("DELETE FROM infer_ranges")) {
            s.executeUpdate();
          }
          return spans;
        });
  }

  @Override
  public List<SessionSpan> sessionsPossiblyOpen(Instant horizon, Duration timeout) {
    return call(
        () ->
            Spans.read(
                writer,
                "SELECT session_id, actor_id, hint, start_us, end_us, is_open FROM sessions"
                    + " WHERE is_open OR end_us > ?",
                DerivedRows.micros(horizon.minus(timeout))));
  }

  @Override
  public void deleteSessions(Collection<String> sessionIds) {
    if (sessionIds.isEmpty()) {
      return;
    }
    call(
        () -> {
          flushWriters();
          if (dialect.bindsTextArrays()) {
            deleteByArray(sessionIds);
            return null;
          }
          try (RowWriter w = rows.open(writer, "doomed_sessions", "session_id")) {
            for (String id : sessionIds) {
              w.text(id).endRow();
            }
          }
          rows.sync();
          paths.subtract(
              new JdbcReads(writer, dialect),
              "session_id IN (SELECT session_id FROM doomed_sessions)",
              null,
              p -> syncPathTotals());
          for (String table : DerivedRows.PER_SESSION) {
            execute(
                "DELETE FROM "
                    + table
                    + " WHERE session_id IN (SELECT session_id FROM doomed_sessions)");
          }
          execute("DELETE FROM doomed_sessions");
          return null;
        });
  }

  // By the session indexes: right after a full run the statistics still describe empty tables,
  // and the planner would scan them whole for every delete.
  private void deleteByArray(Collection<String> sessionIds) throws SQLException {
    dialect.sequentialScans(writer, false);
    java.sql.Array ids = writer.createArrayOf("text", sessionIds.toArray());
    paths.subtract(
        new JdbcReads(writer, dialect), "session_id = ANY(?)", ids, p -> syncPathTotals());
    for (String table : DerivedRows.PER_SESSION) {
      try (PreparedStatement s =
          writer.prepareStatement("DELETE FROM " + table + " WHERE session_id = ANY(?)")) {
        s.setArray(1, ids);
        s.executeUpdate();
      }
    }
    ids.free();
    dialect.sequentialScans(writer, true);
  }

  @Override
  public void replaceAllDerived() {
    call(
        () -> {
          out.startRewrite();
          return null;
        });
  }

  @Override
  public void write(SessionResult result) {
    call(
        () -> {
          DerivedRows.write(
              result,
              new DerivedRows.Writers(
                  out.of("sessions", DerivedRows.SESSIONS),
                  out.of("workflow_runs", DerivedRows.RUNS),
                  out.of("session_recovery", DerivedRows.RECOVERY)));
          String day = DerivedRows.day(result.session().start());
          if (out.rewriting() && paths.actorsComplete(result.session().actorId())) {
            paths.writeActorsTo(out.of("path_actors", PathTotals.ACTORS));
          }
          if (paths.add(day, result.paths())) {
            writePathTotals();
          }
          return null;
        });
  }

  @Override
  public void count(EventCounts batch) {
    call(
        () -> {
          batch.writeTo(
              out.of("event_counts", EventCounts.COLUMNS),
              out.of("error_counts", EventCounts.ERROR_COLUMNS),
              out.of("platform_counts", EventCounts.PLATFORM_COLUMNS));
          return null;
        });
  }

  @Override
  public void finish(long lastSeq, Instant horizon, String fingerprint) {
    call(
        () -> {
          long t0 = System.nanoTime();
          // Indexes of the per-session tables build while the counts are being written.
          out.close(DerivedRows.PER_SESSION);
          writePathTotals();
          out.close(COUNT_TABLES);
          long t1 = System.nanoTime();
          out.completeRewrite();
          LOG.debug(
              "finish (ms): counts={} indexes and swap={}",
              (t1 - t0) / 1_000_000,
              (System.nanoTime() - t1) / 1_000_000);
          try (PreparedStatement s =
              writer.prepareStatement(
                  "UPDATE inference_state SET last_seq = ?, horizon_us = ?, fingerprint = ?,"
                      + " generation = generation + 1 WHERE id = 1")) {
            s.setLong(1, lastSeq);
            if (horizon == null) {
              s.setNull(2, java.sql.Types.BIGINT);
            } else {
              s.setLong(2, DerivedRows.micros(horizon));
            }
            s.setString(3, fingerprint);
            s.executeUpdate();
          }
          return null;
        });
  }

  private void writePathTotals() throws SQLException {
    paths.writeTo(
        out.of("path_totals", PathTotals.TOTALS), out.of("path_actors", PathTotals.ACTORS));
  }

  // Between statements on the writer: the rows must have arrived before the next one runs.
  private void syncPathTotals() throws SQLException {
    writePathTotals();
    out.sync();
  }

  private void flushWriters() throws SQLException {
    out.sync();
  }

  private void execute(String sql) throws SQLException {
    try (PreparedStatement s = writer.prepareStatement(sql)) {
      s.executeUpdate();
    }
  }

  @FunctionalInterface
  private interface Body<T> {
    T run() throws SQLException;
  }

  /**
   * SQL failures leave the inference as {@link InferenceSqlException}, rolled back by the store.
   */
  private static <T> T call(Body<T> body) {
    try {
      return body.run();
    } catch (SQLException e) {
      throw new InferenceSqlException(e);
    }
  }

  /** Carries an {@link SQLException} out of the lambdas to the store, which maps it. */
  public static final class InferenceSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InferenceSqlException(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    public SQLException sql() {
      return (SQLException) getCause();
    }
  }
}
