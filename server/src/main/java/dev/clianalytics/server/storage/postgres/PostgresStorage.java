package dev.clianalytics.server.storage.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.Documents;
import dev.clianalytics.server.storage.InferenceStore;
import dev.clianalytics.server.storage.Paging;
import dev.clianalytics.server.storage.RowQuery;
import dev.clianalytics.server.storage.StorableEvents;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.StorageUnavailableException;
import dev.clianalytics.server.storage.jdbc.ActorDeletes;
import dev.clianalytics.server.storage.jdbc.Jdbc;
import dev.clianalytics.server.storage.jdbc.Migrations;
import dev.clianalytics.server.storage.jdbc.RowQuerySql;
import dev.clianalytics.server.storage.jdbc.SchemaMigrations;
import dev.clianalytics.server.storage.jdbc.SqlRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * PostgreSQL storage. Every call is one short transaction on a pooled connection with no session
 * state carried between transactions, so it works behind a transaction-mode pooler.
 */
public final class PostgresStorage implements Storage {
  /**
   * Advisory lock keys (arbitrary constants): one for migrations, one that inserts hold shared
   * while their seqs are uncommitted (see {@link #lastSeq()}).
   */
  static final long MIGRATION_LOCK = 0x636c69616e6d6967L;

  static final long SEQ_LOCK = 0x636c69616e736571L;

  private final HikariDataSource pool;
  private final DatabaseUrl url;

  private final PostgresSchema schema;
  private final InferenceStore inference;

  private PostgresStorage(HikariDataSource pool, DatabaseUrl url, List<String> apiRoles) {
    this.pool = pool;
    this.url = url;
    this.schema = new PostgresSchema(url.schema(), apiRoles);
    this.inference = new PostgresInference(pool, schema, this::unavailable);
  }

  public static PostgresStorage open(DatabaseUrl url) {
    return open(url, PostgresSchema.SUPABASE_API_ROLES);
  }

  /** With other role names taken as Supabase's API roles, for tests sharing one cluster. */
  static PostgresStorage open(DatabaseUrl url, List<String> apiRoles) {
    return new PostgresStorage(PostgresPool.create(url), url, apiRoles);
  }

  @Override
  public void migrate() {
    List<Migrations.Script> scripts = Migrations.load("postgres", Migrations.POSTGRES);
    inTransaction(
        c -> {
          lock(c, MIGRATION_LOCK, "60s", false);
          schema.create(c);
          if (!url.schemaGiven()) {
            schema.adoptFromPublic(c);
          }
          SchemaMigrations.apply(c, scripts, "timestamptz");
          schema.closeToApiRoles(c);
          return null;
        });
  }

  @Override
  public void ping() {
    inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
          }
          return null;
        });
  }

  @Override
  public InsertResult insertEvents(List<Event> events, Instant receivedAt) {
    List<Event> batch = StorableEvents.of(events);
    if (batch.isEmpty()) {
      return new InsertResult(0, 0);
    }
    int accepted =
        inTransaction(
            c -> {
              // Shared, so batches insert side by side; lastSeq() waits for their commit.
              lock(c, SEQ_LOCK, "10s", true);
              return PostgresCopy.insert(c, batch, StorableEvents.micros(receivedAt));
            });
    return new InsertResult(accepted, batch.size() - accepted);
  }

  @Override
  public BatchResult insertBatch(
      List<Event> events, List<Map<String, Object>> documents, Instant receivedAt) {
    List<Event> batch = StorableEvents.of(events);
    List<UUID> ids = Documents.newIds(documents.size());
    if (batch.isEmpty() && documents.isEmpty()) {
      return new BatchResult(0, 0, ids);
    }
    int accepted =
        inTransaction(
            c -> {
              int n = 0;
              if (!batch.isEmpty()) {
                lock(c, SEQ_LOCK, "10s", true);
                n = PostgresCopy.insert(c, batch, StorableEvents.micros(receivedAt));
              }
              insertDocuments(c, ids, Documents.json(documents), receivedAt);
              return n;
            });
    return new BatchResult(accepted, batch.size() - accepted, ids);
  }

  /** One statement for all documents, their seqs drawn in the order given. */
  private static void insertDocuments(
      Connection c, List<UUID> ids, List<String> json, Instant receivedAt) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO documents (id, received_at, payload)"
                + " SELECT d.id, ?, d.payload::jsonb"
                + " FROM unnest(?::uuid[], ?::text[]) WITH ORDINALITY AS d(id, payload, n)"
                + " ORDER BY d.n")) {
      s.setObject(1, Jdbc.utc(StorableEvents.micros(receivedAt)));
      s.setArray(2, c.createArrayOf("uuid", ids.toArray()));
      s.setArray(3, c.createArrayOf("text", json.toArray()));
      s.executeUpdate();
    }
  }

  @Override
  public List<Row> rows(int limit, int offset) {
    Paging.limit(limit);
    Paging.offset(offset);
    // Events and documents are read by two queries; one snapshot keeps the pages aligned.
    return inSnapshot(c -> SqlRows.rows(c, limit, offset));
  }

  @Override
  public RowQuery.Page query(RowQuery query, boolean count) {
    // The page and the count are read by several queries; one snapshot keeps them aligned.
    return inSnapshot(c -> RowQuerySql.run(c, PostgresDialect.INSTANCE, query, count));
  }

  @Override
  public List<StoredEvent> events(long afterSeq, int limit) {
    return inTransaction(c -> SqlRows.events(c, afterSeq, Paging.limit(limit)));
  }

  @Override
  public long forEachEvent(long afterSeq, long throughSeq, Consumer<StoredEvent> sink) {
    // No second attempt: the sink may already have seen part of the scan.
    return once(c -> SqlRows.forEachEvent(c, afterSeq, throughSeq, sink));
  }

  @Override
  public long lastSeq() {
    return inTransaction(PostgresStorage::committedMark);
  }

  /**
   * The highest seq below which no event can still appear. Every batch takes the seq lock shared
   * before drawing seqs and keeps it until commit, and batches of two instances commit in any
   * order; once the lock is granted exclusively, every seq drawn so far is committed or gone and
   * later batches draw higher ones. The mark is read in a statement of its own (its snapshot taken
   * after the wait), then the lock is released at once, so ingest pauses only while it is read and
   * the caller's transaction, however long, holds nothing.
   */
  static long committedMark(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_lock(" + SEQ_LOCK + ")");
      try {
        return SqlRows.queryLong(c, "SELECT coalesce(max(seq), 0) FROM events");
      } finally {
        st.execute("SELECT pg_advisory_unlock(" + SEQ_LOCK + ")");
      }
    }
  }

  @Override
  public long deleteActor(String storedActorId) {
    return inTransaction(
        c -> {
          PostgresInference.lock(c);
          return ActorDeletes.actor(c, PostgresDialect.INSTANCE, storedActorId);
        });
  }

  @Override
  public long deleteEventsBefore(Instant cutoff, Instant aggregateCutoff) {
    return inTransaction(
        c -> {
          PostgresInference.lock(c);
          return ActorDeletes.before(c, PostgresDialect.INSTANCE, cutoff, aggregateCutoff);
        });
  }

  @Override
  public InferenceStore inference() {
    return inference;
  }

  @Override
  public long countEvents() {
    return inTransaction(c -> SqlRows.queryLong(c, "SELECT count(*) FROM events"));
  }

  @Override
  public PoolStats poolStats() {
    HikariPoolMXBean mx = pool.getHikariPoolMXBean();
    if (mx == null) {
      return new PoolStats(0, 0, PostgresPool.MAX_CONNECTIONS, 0);
    }
    return new PoolStats(
        mx.getActiveConnections(),
        mx.getIdleConnections(),
        PostgresPool.MAX_CONNECTIONS,
        mx.getThreadsAwaitingConnection());
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "PostgreSQL " + url;
  }

  /**
   * Runs {@code work} in one transaction. When the pooled connection turns out to be dead before
   * the commit was sent (the database restarted, or an admin or pooler closed it), nothing was
   * stored, so the pool drops its idle connections and the work runs once more on a fresh one.
   */
  private <T> T inTransaction(Jdbc.Work<T> work) {
    return inTransaction(work, false);
  }

  /** As {@link #inTransaction(Jdbc.Work)}, in one read-only repeatable-read snapshot. */
  private <T> T inSnapshot(Jdbc.Work<T> work) {
    return inTransaction(work, true);
  }

  private <T> T inTransaction(Jdbc.Work<T> work, boolean snapshot) {
    try {
      try {
        return attempt(work, snapshot);
      } catch (BrokenBeforeCommit e) {
        HikariPoolMXBean mx = pool.getHikariPoolMXBean();
        if (mx != null) {
          mx.softEvictConnections();
        }
        return attempt(work, snapshot);
      }
    } catch (BrokenBeforeCommit e) {
      throw unavailable(e.cause);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Runs {@code work} in one transaction, without a second attempt. */
  private <T> T once(Jdbc.Work<T> work) {
    try {
      return attempt(work, false);
    } catch (BrokenBeforeCommit e) {
      throw unavailable(e.cause);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private <T> T attempt(Jdbc.Work<T> work, boolean snapshot)
      throws SQLException, BrokenBeforeCommit {
    try (Connection c = pool.getConnection()) {
      T result;
      try {
        if (snapshot) {
          try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
          }
        }
        schema.enter(c);
        result = work.run(c);
      } catch (SQLException | RuntimeException e) {
        Jdbc.rollbackQuietly(c, e);
        if (e instanceof SQLException sql && isBrokenConnection(sql)) {
          throw new BrokenBeforeCommit(sql);
        }
        throw e;
      }
      c.commit();
      return result;
    }
  }

  /**
   * Takes a transaction-scoped advisory lock, shared or exclusive (released by commit or rollback,
   * so pooler-safe), waiting at most {@code timeout}: a holder stuck behind a dead network would
   * otherwise stall every writer; past the timeout the call fails and the client retries later.
   */
  static void lock(Connection c, long key, String timeout, boolean shared) throws SQLException {
    String function = shared ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock";
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT " + function + "(?) FROM (SELECT set_config('lock_timeout', ?, true)) t")) {
      s.setLong(1, key);
      s.setString(2, timeout);
      s.execute();
    }
  }

  private static boolean isBrokenConnection(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57P0"));
  }

  private StorageUnavailableException unavailable(SQLException e) {
    return new StorageUnavailableException(
        "PostgreSQL at " + url + " failed (SQLState " + e.getSQLState() + "): " + e.getMessage(),
        e);
  }

  /** A connection failure before the commit: the transaction certainly did not happen. */
  private static final class BrokenBeforeCommit extends Exception {
    private static final long serialVersionUID = 1L;
    final transient SQLException cause;

    BrokenBeforeCommit(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }
}
