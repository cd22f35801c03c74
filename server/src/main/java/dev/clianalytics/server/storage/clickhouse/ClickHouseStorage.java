package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.session.StartMarkers;
import dev.clianalytics.server.storage.Documents;
import dev.clianalytics.server.storage.InferPartition;
import dev.clianalytics.server.storage.InferenceStore;
import dev.clianalytics.server.storage.Paging;
import dev.clianalytics.server.storage.StorableEvents;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.StorageUnavailableException;
import dev.clianalytics.server.storage.derived.DerivedRows;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Events and documents on ClickHouse (see docs/scaling-out.md). ClickHouse has neither unique keys
 * nor transactions, so: writes of one instance take turns (which keeps its duplicate counts exact
 * and its {@link #lastSeq} a true high-water mark); an event is committed by its row in {@code
 * event_ids}, written after the event, where an id already stored is found before inserting; and
 * every read keeps, per event id, only the committed copy with the lowest seq, so a copy stored
 * twice by a race or a retry after a crash is counted once, whatever merges have happened.
 */
public final class ClickHouseStorage implements Storage {
  /**
   * The seq of the first committed copy of each event id (see the class comment), reading them all.
   * Ids are grouped as UUIDs, 16 bytes each, which is about three times faster than grouping their
   * text and the same grouping: every stored id is a UUID's one canonical (lower-case) text.
   */
  static final String FIRST_COPY_SEQS = "SELECT min(seq) FROM event_ids GROUP BY toUUID(event_id)";

  /** Keeps the first committed copy of each event id. */
  static final String FIRST_COPY = "seq IN (" + FIRST_COPY_SEQS + ")";

  /**
   * {@link #FIRST_COPY} for a read of the events matching {@code where}: only their ids are looked
   * up, through {@code event_ids}' index.
   */
  static String firstCopy(String where) {
    return "seq IN (SELECT min(seq) FROM event_ids WHERE event_id IN (SELECT event_id FROM events"
        + " WHERE "
        + where
        + ") GROUP BY toUUID(event_id))";
  }

  private static final String NOT_MARKER = "exit_code <> " + StartMarkers.EXIT_CODE;
  private static final int IDS_PER_LOOKUP = 2_000;

  /** The most events and documents one group commit writes (more than one batch only below). */
  private static final int MAX_GROUP_EVENTS = 10_000;

  private final ClickHouseUrl url;
  private final ClickHouseSql sql;
  private final SeqClock seqs = new SeqClock(Clock.systemUTC());
  private final ReentrantLock writes = new ReentrantLock();
  private final GroupCommit<Arrival, BatchResult> ingest =
      new GroupCommit<>(writes, Arrival::size, MAX_GROUP_EVENTS, this::writeGroup);
  private final ClickHouseInference inference;
  private boolean seqsSeeded;

  /** Stored events per statement of a full read for inference (fewer in tests). */
  private long eventsPerRange = 65_536;

  private volatile boolean closed;

  private ClickHouseStorage(ClickHouseUrl url, Topology topology, InferPartition partition) {
    this.url = url;
    this.sql = new ClickHouseSql(url, topology);
    this.inference = new ClickHouseInference(this, partition);
  }

  /** Opens a client for {@code url}; a server that is down makes the first call fail, not this. */
  public static ClickHouseStorage open(ClickHouseUrl url) {
    return open(url, null);
  }

  /**
   * Opens a client for {@code url} whose tables live on every shard of {@code cluster} (its name in
   * the servers' {@code remote_servers}), or on that one server when {@code cluster} is null.
   */
  public static ClickHouseStorage open(ClickHouseUrl url, String cluster) {
    return open(url, cluster, InferPartition.ALL);
  }

  /**
   * {@link #open(ClickHouseUrl, String)} for an instance that infers the actors of {@code
   * partition} only (docs/scaling-out.md, "Several instances inferring").
   */
  public static ClickHouseStorage open(
      ClickHouseUrl url, String cluster, InferPartition partition) {
    return new ClickHouseStorage(url, new Topology(url.database(), cluster), partition);
  }

  @Override
  public void migrate() {
    write(() -> ClickHouseMigrations.apply(sql));
  }

  @Override
  public void ping() {
    checkOpen();
    sql.queryLong("SELECT 1");
  }

  @Override
  public InsertResult insertEvents(List<Event> events, Instant receivedAt) {
    BatchResult r = insertBatch(events, List.of(), receivedAt);
    return new InsertResult(r.accepted(), r.duplicates());
  }

  @Override
  public BatchResult insertBatch(
      List<Event> events, List<Map<String, Object>> documents, Instant receivedAt) {
    List<Event> batch = StorableEvents.of(events);
    List<UUID> ids = Documents.newIds(documents.size());
    List<String> json = Documents.json(documents);
    if (batch.isEmpty() && documents.isEmpty()) {
      return new BatchResult(0, 0, ids);
    }
    return ingest.write(new Arrival(batch, ids, json, DerivedRows.micros(receivedAt)));
  }

  /** One request's storable events and documents, as {@link #ingest} groups them. */
  private record Arrival(List<Event> events, List<UUID> ids, List<String> json, long receivedUs) {
    int size() {
      return events.size() + json.size();
    }
  }

  /**
   * Writes a group of arrivals (see {@link GroupCommit}) under the write lock: events whose id is
   * neither stored nor in an earlier arrival of the group get seqs in arrival order, then the
   * documents; the events and their ids go in one insert each, the documents in one more. A failed
   * document insert undoes the whole group's rows.
   */
  private List<BatchResult> writeGroup(List<Arrival> group) {
    checkOpen();
    seedSeqs();
    List<Event> all = new ArrayList<>();
    for (Arrival a : group) {
      all.addAll(a.events());
    }
    Set<String> taken = stored(all);
    List<Event> fresh = new ArrayList<>();
    List<Long> eventReceived = new ArrayList<>();
    List<UUID> docIds = new ArrayList<>();
    List<String> docs = new ArrayList<>();
    List<Long> docReceived = new ArrayList<>();
    List<BatchResult> results = new ArrayList<>(group.size());
    for (Arrival a : group) {
      int accepted = 0;
      for (Event e : a.events()) {
        if (taken.add(e.eventId().toString())) {
          fresh.add(e);
          eventReceived.add(a.receivedUs());
          accepted++;
        }
      }
      docIds.addAll(a.ids());
      docs.addAll(a.json());
      a.json().forEach(j -> docReceived.add(a.receivedUs()));
      results.add(new BatchResult(accepted, a.events().size() - accepted, a.ids()));
    }
    long first = seqs.reserve(fresh.size() + docs.size());
    EventWrites.insert(sql, fresh, first, eventReceived);
    try {
      EventWrites.documents(sql, docIds, docs, SeqClock.nth(first, fresh.size()), docReceived);
    } catch (RuntimeException e) {
      EventWrites.undo(sql, first, SeqClock.nth(first, fresh.size() + docs.size()));
      throw e;
    }
    return results;
  }

  /** The ids among {@code events}' that are already stored. */
  private Set<String> stored(List<Event> events) {
    Set<String> stored = new java.util.HashSet<>();
    List<String> ids = events.stream().map(e -> e.eventId().toString()).distinct().toList();
    for (int from = 0; from < ids.size(); from += IDS_PER_LOOKUP) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_LOOKUP));
      sql.query(
          "SELECT event_id FROM event_ids WHERE event_id IN (" + list(chunk) + ")",
          ClickHouseSql.schema("event_id String"),
          r -> stored.add(r.getString(1)));
    }
    return stored;
  }

  static String list(List<String> values) {
    StringBuilder out = new StringBuilder();
    for (String v : values) {
      if (!out.isEmpty()) {
        out.append(',');
      }
      out.append(ClickHouseSql.quote(v));
    }
    return out.toString();
  }

  @Override
  public List<Row> rows(int limit, int offset) {
    Paging.limit(limit);
    Paging.offset(offset);
    checkOpen();
    List<Row> rows = new ArrayList<>();
    sql.rows(
        "SELECT "
            + EventColumns.SELECT
            + " FROM events WHERE "
            + NOT_MARKER
            + " AND "
            + FIRST_COPY
            + " ORDER BY seq LIMIT "
            + offset
            + ", "
            + limit,
        r -> {
          Event e = EventColumns.read(r).event();
          rows.add(new Row(e.eventId(), e.toJson()));
        });
    if (rows.size() == limit) {
      return rows;
    }
    long events =
        rows.isEmpty()
            ? sql.queryLong("SELECT count() FROM events WHERE " + NOT_MARKER + " AND " + FIRST_COPY)
            : offset + rows.size();
    long documentOffset = Math.max(0, offset - events);
    sql.query(
        "SELECT id, payload FROM documents ORDER BY seq LIMIT "
            + documentOffset
            + ", "
            + (limit - rows.size()),
        ClickHouseSql.schema("id String, payload String"),
        r -> rows.add(new Row(UUID.fromString(r.getString(1)), payload(r.getString(2)))));
    return rows;
  }

  @SuppressWarnings("unchecked") // a document is always stored from a JSON object
  private static Map<String, Object> payload(String json) {
    return (Map<String, Object>) Json.parse(json);
  }

  @Override
  public long deleteActor(String storedActorId) {
    return inference.deleting(
        derived -> {
          derived.actor(storedActorId);
          return write(() -> EventWrites.deleteActor(sql, storedActorId));
        });
  }

  @Override
  public long deleteEventsBefore(Instant cutoff, Instant aggregateCutoff) {
    return inference.deleting(
        derived -> {
          derived.before(cutoff, aggregateCutoff);
          return write(() -> EventWrites.deleteBefore(sql, DerivedRows.micros(cutoff)));
        });
  }

  @Override
  public long countEvents() {
    checkOpen();
    return sql.queryLong("SELECT uniqExact(event_id) FROM event_ids");
  }

  @Override
  public List<StoredEvent> events(long afterSeq, int limit) {
    Paging.limit(limit);
    checkOpen();
    List<StoredEvent> out = new ArrayList<>();
    sql.rows(
        "SELECT "
            + EventColumns.SELECT
            + " FROM events WHERE seq > "
            + Math.max(0, afterSeq)
            + " AND "
            + firstCopy("seq > " + Math.max(0, afterSeq))
            + " ORDER BY seq LIMIT "
            + limit,
        r -> out.add(EventColumns.read(r)));
    return out;
  }

  @Override
  public long forEachEvent(long afterSeq, long throughSeq, Consumer<StoredEvent> sink) {
    checkOpen();
    if (throughSeq <= afterSeq) {
      return 0;
    }
    String range = "seq > " + Math.max(0, afterSeq) + " AND seq <= " + throughSeq;
    return sql.rows(
        "SELECT "
            + EventColumns.SELECT
            + " FROM events WHERE "
            + range
            + " AND "
            + (afterSeq <= 0 ? FIRST_COPY : firstCopy(range))
            + " ORDER BY actor_id, ts_us, seq",
        r -> sink.accept(EventColumns.read(r)));
  }

  /**
   * The events of inference: {@link #forEachEvent} restricted to the actors matching {@code actors}
   * (a condition on {@code actor_id}), with only the fields inference uses ({@link
   * EventColumns#readForInference}). Which copy of an id is the first is decided over all actors,
   * as every read does.
   */
  long forEachEventToInfer(long afterSeq, long throughSeq, String actors, Consumer<Event> sink) {
    checkOpen();
    if (throughSeq <= afterSeq) {
      return 0;
    }
    String range = "seq > " + Math.max(0, afterSeq) + " AND seq <= " + throughSeq;
    String where = range + " AND " + actors;
    if (afterSeq <= 0 && !sql.topology().clustered()) {
      return inActorRanges(where, sink);
    }
    return sql.rows(
        toInfer(where + " AND " + (afterSeq <= 0 ? FIRST_COPY : firstCopy(where))),
        r -> sink.accept(EventColumns.readForInference(r)));
  }

  /**
   * The full read of {@link #forEachEventToInfer} on one server: one statement per range of actor
   * ids, each sent before the rows of the one ahead are read, all looking first copies up in one
   * {@link FirstCopies} set. The ranges ascend, so the rows come in the order of one statement.
   */
  private long inActorRanges(String where, Consumer<Event> sink) {
    try (FirstCopies first = FirstCopies.create(sql, System.currentTimeMillis())) {
      long stored = sql.queryLong("SELECT count() FROM events");
      int ranges =
          Math.clamp((stored + eventsPerRange - 1) / eventsPerRange, 1, FirstCopies.MAX_RANGES);
      List<String> statements = new ArrayList<>(ranges);
      for (String actorRange : FirstCopies.actorRanges(ranges)) {
        statements.add(toInfer(where + " AND " + actorRange + " AND " + first.condition()));
      }
      return sql.rowsInTurn(statements, r -> sink.accept(EventColumns.readForInference(r)));
    }
  }

  /**
   * Streams the first committed copies of the events matching {@code where} (a condition on {@code
   * events}) ordered by actor id, timestamp and seq, with the fields inference uses; returns how
   * many.
   */
  long scanToInfer(String where, Consumer<Event> sink) {
    checkOpen();
    return sql.rows(
        toInfer("(" + where + ") AND " + firstCopy(where)),
        r -> sink.accept(EventColumns.readForInference(r)));
  }

  /** The events matching {@code condition}, as inference reads them: its columns, in its order. */
  private static String toInfer(String condition) {
    return "SELECT "
        + EventColumns.INFERENCE_SELECT
        + " FROM events WHERE "
        + condition
        + " ORDER BY actor_id, ts_us, seq";
  }

  /** {@link #firstCopy}, for callers in this package. */
  String firstCopyOf(String where) {
    return firstCopy(where);
  }

  /** Splits full reads into statements of about {@code events} stored events each. */
  void eventsPerRange(long events) {
    if (events < 1) {
      throw new IllegalArgumentException("events per range must be positive, was " + events);
    }
    this.eventsPerRange = events;
  }

  ClickHouseSql sql() {
    return sql;
  }

  @Override
  public InferenceStore inference() {
    return inference;
  }

  /** Under the write lock: no insert of this instance is half done when the maximum is read. */
  @Override
  public long lastSeq() {
    return write(() -> sql.queryLong("SELECT max(seq) FROM events"));
  }

  @Override
  public PoolStats poolStats() {
    return PoolStats.ofWriter(writes);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      sql.close();
    }
  }

  @Override
  public String toString() {
    return "ClickHouse "
        + url
        + (sql.topology().clustered() ? " on cluster " + sql.topology().cluster() : "");
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageUnavailableException(this + " is closed", null);
    }
  }

  @FunctionalInterface
  interface Work<T> {
    T run();
  }

  private <T> T write(Work<T> work) {
    writes.lock();
    try {
      checkOpen();
      return work.run();
    } finally {
      writes.unlock();
    }
  }

  /** Seqs of a restarted instance continue above everything stored, whatever its clock says. */
  private void seedSeqs() {
    if (!seqsSeeded) {
      seqs.atLeast(
          Math.max(
              sql.queryLong("SELECT max(seq) FROM events"),
              sql.queryLong("SELECT max(seq) FROM documents")));
      seqsSeeded = true;
    }
  }

  private void write(Runnable work) {
    write(
        () -> {
          work.run();
          return null;
        });
  }
}
