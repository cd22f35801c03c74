package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.SessionResult;
import dev.clianalytics.core.session.Recompute;
import dev.clianalytics.core.session.SessionKey;
import dev.clianalytics.core.session.SessionSpan;
import dev.clianalytics.server.storage.InferPartition;
import dev.clianalytics.server.storage.InferenceState;
import dev.clianalytics.server.storage.InferenceTx;
import dev.clianalytics.server.storage.derived.DerivedRows;
import dev.clianalytics.server.storage.derived.EventCounts;
import dev.clianalytics.server.storage.derived.PathTotals;
import dev.clianalytics.server.storage.derived.RowWriter;
import dev.clianalytics.server.storage.derived.TieOrder;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One inference on ClickHouse: reads see the committed derived rows (the views), writes append rows
 * of generation {@code gen} that no view shows until {@link #commit} (see docs/scaling-out.md,
 * "Inference and reports"). Deleting a session records it in {@code derived_gone}, under this
 * generation too.
 */
final class ClickHouseInferenceTx implements InferenceTx, AutoCloseable {
  /** Ranges or sessions per lookup statement, which spells each one out. */
  private static final int PER_STATEMENT = 500;

  private final ClickHouseStorage storage;
  private final ClickHouseSql sql;
  private final ClickHouseReads reads;
  private final BackgroundInserts inserts;
  private final long gen;
  private final InferPartition partition;
  private final PathTotals paths = new PathTotals();
  private final Map<String, RowWriter> open = new LinkedHashMap<>();
  private final Set<String> written = new HashSet<>();
  private boolean full;
  private Finished finished;

  /** The live run of this share whose state this one continues (0: none). */
  private long base;

  private record Finished(long lastSeq, Instant horizon, String fingerprint) {}

  ClickHouseInferenceTx(ClickHouseStorage storage, ClickHouseInference store, long gen) {
    this.storage = storage;
    this.sql = storage.sql();
    this.reads = new ClickHouseReads(sql);
    this.inserts = new BackgroundInserts(sql::insertRows);
    this.gen = gen;
    this.partition = store.partition();
  }

  /**
   * The state of the last live run of this instance's share (see the V3 migration script): the runs
   * of other shares read other actors' events, and their positions say nothing about this share's.
   * No live run (none yet, or all replaced by a full run of another layout) reads as an empty
   * state, whose empty fingerprint makes the next inference a full one.
   */
  static String stateOf(InferPartition partition) {
    return "SELECT argMax(last_seq, gen) AS s_last_seq, argMax(horizon_us, gen) AS s_horizon_us,"
        + " argMax(fingerprint, gen) AS s_fingerprint, (SELECT count() FROM inference_runs) AS"
        + " s_generation, max(gen) AS s_gen FROM inference_runs WHERE part = "
        + partition.index()
        + " AND parts = "
        + partition.count()
        // GLOBAL: on a cluster the view exists on the server asked, not in the shards' context
        + " AND gen GLOBAL IN (SELECT gen FROM inference_live)";
  }

  @Override
  public InferenceState state() {
    return call(
        () ->
            reads
                .list(
                    stateOf(partition),
                    List.of(),
                    rs -> {
                      long horizon = rs.getLong(2);
                      Instant h = rs.wasNull() ? null : DerivedRows.instant(horizon);
                      base = rs.getLong(5);
                      return new InferenceState(rs.getLong(1), h, rs.getString(3), rs.getLong(4));
                    })
                .getFirst());
  }

  @Override
  public long lastSeq() {
    return storage.lastSeq();
  }

  private static String seqs(long afterSeq, long throughSeq) {
    return "seq > " + Math.max(0, afterSeq) + " AND seq <= " + throughSeq;
  }

  // From the commit rows, which carry the timestamp: every committed event has one, copies of an
  // id share it, and reading them needs no grouping of all ids by the first-copy rule.
  @Override
  public Instant newestTimestamp(long throughSeq) {
    String committed = "FROM event_ids WHERE " + seqs(0, throughSeq);
    if (sql.queryLong("SELECT count() " + committed) == 0) {
      return null;
    }
    return DerivedRows.instant(sql.queryLong("SELECT max(ts_us) " + committed));
  }

  // Counted from the commit rows alone: the ids whose first committed copy lies in the range.
  @Override
  public long countEvents(long afterSeq, long throughSeq) {
    if (throughSeq <= afterSeq) {
      return 0;
    }
    String ids =
        afterSeq <= 0
            ? "event_ids"
            : "event_ids WHERE event_id IN (SELECT event_id FROM event_ids WHERE "
                + seqs(afterSeq, throughSeq)
                + ")";
    return sql.queryLong(
        "SELECT count() FROM (SELECT min(seq) AS first FROM "
            + ids
            + " GROUP BY toUUID(event_id)) WHERE first > "
            + Math.max(0, afterSeq)
            + " AND first <= "
            + throughSeq);
  }

  // From the commit rows: a copy of an id counts as an event of its own, which only ends the slice
  // earlier.
  @Override
  public long sliceEnd(long afterSeq, long throughSeq, long n) {
    if (throughSeq <= afterSeq) {
      return throughSeq;
    }
    String range = "FROM event_ids WHERE " + seqs(afterSeq, throughSeq);
    if (sql.queryLong("SELECT count() " + range) <= n) {
      return throughSeq;
    }
    return sql.queryLong("SELECT seq " + range + " ORDER BY seq LIMIT " + (n - 1) + ", 1");
  }

  @Override
  public void forEachEvent(long afterSeq, long throughSeq, Consumer<Event> sink) {
    if (throughSeq <= afterSeq) {
      return;
    }
    TieOrder ordered = new TieOrder(sink);
    // the storage's ordered stream: for a full read its first-copy rule groups all ids once
    // instead of first collecting the ids of the range
    storage.forEachEventToInfer(
        afterSeq, throughSeq, partition.clickHouseCondition(), ordered::accept);
    ordered.finish();
  }

  // The SQL narrows by actor (the tables' first order column) and the ranges' overall times; which
  // range an event falls in is checked here: 18.16 evaluates a disjunction of hundreds of ranges
  // per row far slower than it reads the rows.
  @Override
  public void forEachEventIn(List<Recompute> ranges, long throughSeq, Consumer<Event> sink) {
    TieOrder ordered = new TieOrder(sink);
    // Whole actors per statement, in actor order, so the statements' results follow each other
    // in inference order.
    for (List<Recompute> chunk : byActor(ranges)) {
      Map<SessionKey, List<Recompute>> byKey = new java.util.HashMap<>();
      long from = Long.MAX_VALUE;
      long to = Long.MIN_VALUE;
      for (Recompute r : chunk) {
        byKey
            .computeIfAbsent(key(r.key().actorId(), r.key().sessionHint()), k -> new ArrayList<>())
            .add(r);
        from = Math.min(from, DerivedRows.micros(r.from()));
        to = Math.max(to, DerivedRows.micros(r.to()));
      }
      storage.scanToInfer(
          actorsIn(chunk)
              + " AND seq <= "
              + throughSeq
              + " AND ts_us >= "
              + from
              + " AND ts_us <= "
              + to,
          e -> {
            if (within(byKey.get(key(e.actorId(), e.sessionHint())), e)) {
              ordered.accept(e);
            }
          });
    }
    ordered.finish();
  }

  private static SessionKey key(String actor, String hint) {
    return new SessionKey(actor, hint == null || hint.isEmpty() ? null : hint);
  }

  private static boolean within(List<Recompute> ranges, Event e) {
    if (ranges == null) {
      return false;
    }
    for (Recompute r : ranges) {
      if (!e.timestamp().isBefore(r.from()) && !e.timestamp().isAfter(r.to())) {
        return true;
      }
    }
    return false;
  }

  // A condition on the first column of the tables' order, which ClickHouse's index can use; it
  // finds no such prefix in a disjunction of ranges.
  private static String actorsIn(List<Recompute> ranges) {
    return "actor_id IN ("
        + ClickHouseStorage.list(ranges.stream().map(r -> r.key().actorId()).distinct().toList())
        + ")";
  }

  private static List<List<Recompute>> byActor(List<Recompute> ranges) {
    TreeMap<String, List<Recompute>> actors = new TreeMap<>();
    for (Recompute r : ranges) {
      actors.computeIfAbsent(r.key().actorId(), a -> new ArrayList<>()).add(r);
    }
    List<List<Recompute>> chunks = new ArrayList<>();
    List<Recompute> chunk = new ArrayList<>();
    for (List<Recompute> actor : actors.values()) {
      if (!chunk.isEmpty() && chunk.size() + actor.size() > PER_STATEMENT) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
      }
      chunk.addAll(actor);
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  private static final String SPAN = "session_id, actor_id, hint, start_us, end_us, is_open";

  @Override
  public List<SessionSpan> sessionsNear(List<Recompute> around, Duration margin) {
    Map<String, SessionSpan> spans = new LinkedHashMap<>();
    for (List<Recompute> chunk : byActor(around)) {
      List<String> conditions = new ArrayList<>();
      for (Recompute r : chunk) {
        conditions.add(
            "(actor_id = "
                + ClickHouseSql.quote(r.key().actorId())
                + " AND hint = "
                + ClickHouseSql.quote(Objects.toString(r.key().sessionHint(), ""))
                + " AND end_us >= "
                + DerivedRows.micros(r.from().minus(margin))
                + " AND start_us <= "
                + DerivedRows.micros(r.to().plus(margin))
                + ")");
      }
      for (SessionSpan s :
          spans(
              "SELECT "
                  + SPAN
                  + " FROM sessions WHERE "
                  + actorsIn(chunk)
                  + " AND ("
                  + String.join(" OR ", conditions)
                  + ")")) {
        spans.putIfAbsent(s.id(), s);
      }
    }
    return List.copyOf(spans.values());
  }

  @Override
  public List<SessionSpan> sessionsPossiblyOpen(Instant horizon, Duration timeout) {
    return spans(
        "SELECT "
            + SPAN
            + " FROM sessions WHERE "
            + partition.clickHouseCondition()
            + " AND (is_open OR end_us > "
            + DerivedRows.micros(horizon.minus(timeout))
            + ")");
  }

  private List<SessionSpan> spans(String query) {
    return call(
        () ->
            reads.list(
                query,
                List.of(),
                rs -> {
                  String hint = rs.getString(3);
                  return new SessionSpan(
                      new SessionKey(rs.getString(2), hint.isEmpty() ? null : hint),
                      rs.getString(1),
                      DerivedRows.instant(rs.getLong(4)),
                      DerivedRows.instant(rs.getLong(5)),
                      rs.getLong(6) != 0);
                }));
  }

  @Override
  public void deleteSessions(Collection<String> sessionIds) {
    List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(sessionIds));
    for (String id : ids) {
      if (written.contains(id)) {
        // Its rows carry this generation, which a record in derived_gone cannot tell apart from
        // the rows recomputed for it; inference never deletes a session it has just written.
        throw new IllegalStateException("session " + id + " was written by this same inference");
      }
    }
    for (int from = 0; from < ids.size(); from += PER_STATEMENT) {
      String in =
          ClickHouseStorage.list(ids.subList(from, Math.min(ids.size(), from + PER_STATEMENT)));
      call(
          () -> {
            paths.subtract(reads, "session_id IN (" + in + ")", null, p -> writePathTotals());
            sql.execute(
                "INSERT INTO derived_gone (session_id, gen, gone_gen) SELECT session_id, gen, "
                    + gen
                    + " FROM sessions_rows WHERE session_id IN ("
                    + in
                    + ") AND (session_id, gen) IN (SELECT session_id, gen FROM sessions_rows"
                    + " WHERE gen IN (SELECT gen FROM inference_runs))");
            return null;
          });
    }
  }

  @Override
  public void replaceAllDerived() {
    full = true;
  }

  @Override
  public void write(SessionResult result) {
    written.add(result.session().id());
    call(
        () -> {
          DerivedRows.write(
              result,
              new DerivedRows.Writers(
                  rows("sessions", DerivedRows.SESSIONS),
                  rows("workflow_runs", DerivedRows.RUNS),
                  rows("session_recovery", DerivedRows.RECOVERY)));
          String day = DerivedRows.day(result.session().start());
          if (full && paths.actorsComplete(result.session().actorId())) {
            paths.writeActorsTo(rows("path_actors", PathTotals.ACTORS));
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
              rows("event_counts", EventCounts.COLUMNS),
              rows("error_counts", EventCounts.ERROR_COLUMNS),
              rows("platform_counts", EventCounts.PLATFORM_COLUMNS));
          return null;
        });
  }

  @Override
  public void finish(long lastSeq, Instant horizon, String fingerprint) {
    call(
        () -> {
          writePathTotals();
          for (RowWriter w : open.values()) {
            w.close();
          }
          open.clear();
          inserts.drain();
          return null;
        });
    finished = new Finished(lastSeq, horizon, fingerprint);
  }

  /**
   * Makes this inference's rows visible: one row in {@code inference_runs}, after every row it
   * names has been written. Nothing to do when the work did not {@link #finish}; nothing done
   * either when {@link #continuedElsewhere}. Returns whether it committed.
   */
  boolean commit() {
    if (finished == null) {
      return false;
    }
    inserts.drain();
    if (!full && continuedElsewhere()) {
      return false;
    }
    sql.execute(
        "INSERT INTO inference_runs (gen, last_seq, horizon_us, fingerprint, full, at_us, part,"
            + " parts, base) VALUES ("
            + gen
            + ", "
            + finished.lastSeq()
            + ", "
            + (finished.horizon() == null ? "NULL" : DerivedRows.micros(finished.horizon()))
            + ", "
            + ClickHouseSql.quote(finished.fingerprint())
            + ", "
            + (full ? 1 : 0)
            + ", "
            + DerivedRows.micros(Instant.now())
            + ", "
            + partition.index()
            + ", "
            + partition.count()
            + ", "
            + (full ? gen : base)
            + ")");
    return true;
  }

  /**
   * Whether a run of this share, or a full run of another layout, committed since this run's base:
   * another instance given the same share inferred at the same time, and this incremental run's
   * changes would apply to a state that is no longer the latest. Likewise when its base is no
   * longer live (it lost such a race after this run started from it). Its rows are left
   * uncommitted. (Two runs passing this check at the same moment both commit; the views then count
   * the one with the lower gen.)
   */
  private boolean continuedElsewhere() {
    return sql.queryLong(
                "SELECT count() FROM inference_runs WHERE gen > "
                    + base
                    + " AND ((part = "
                    + partition.index()
                    + " AND parts = "
                    + partition.count()
                    + ") OR (full = 1 AND parts != "
                    + partition.count()
                    + "))")
            > 0
        || (base != 0
            && sql.queryLong(
                    "SELECT count() FROM inference_live WHERE gen = " + Long.toUnsignedString(base))
                == 0);
  }

  /** Whether the work reached {@link #finish}. */
  boolean finishedWork() {
    return finished != null;
  }

  /** Stops the thread of the derived-row inserts; uncommitted rows stay invisible. */
  @Override
  public void close() {
    inserts.close();
  }

  private RowWriter rows(String table, String columns) {
    return open.computeIfAbsent(table, t -> new GenRows(inserts, t, columns, gen));
  }

  private void writePathTotals() throws SQLException {
    paths.writeTo(rows("path_totals", PathTotals.TOTALS), rows("path_actors", PathTotals.ACTORS));
  }

  @FunctionalInterface
  private interface Body<T> {
    T run() throws SQLException;
  }

  private <T> T call(Body<T> body) {
    try {
      return body.run();
    } catch (SQLException e) {
      throw sql.failed(e);
    }
  }
}
