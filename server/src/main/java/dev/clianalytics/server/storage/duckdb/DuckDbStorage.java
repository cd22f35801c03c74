package dev.clianalytics.server.storage.duckdb;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/**
 * Embedded DuckDB storage in one file. Writes take turns on one connection (DuckDB allows one
 * writer per file); reads use their own connections to the same database and see committed data. A
 * commit returns after DuckDB has written and synced its write-ahead log.
 */
public final class DuckDbStorage implements Storage {
  /**
   * Files open in this process. DuckDB would share one database between two opens here, but each
   * storage serializes its writes with its own lock, so a second open is refused instead.
   */
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final DuckDBConnection writer;
  private final ReentrantLock writes = new ReentrantLock();

  /** At most this many events go through one group commit. */
  private static final int GROUP_EVENTS = 20_000;

  private final java.util.Queue<Pending> pending =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private boolean closed;

  private DuckDbStorage(Path file, DuckDBConnection writer) {
    this.file = file;
    this.writer = writer;
  }

  public static DuckDbStorage open(Path path) {
    Path file = path.toAbsolutePath().normalize();
    createParent(file);
    if (!OPEN.add(file)) {
      throw new StorageUnavailableException(
          "the embedded database "
              + file
              + " is already open in this process; close the other storage first",
          null);
    }
    try {
      return connect(file);
    } catch (RuntimeException e) {
      OPEN.remove(file);
      throw e;
    }
  }

  private static void createParent(Path file) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new StorageUnavailableException(
          "cannot create DATA_DIR "
              + file.getParent()
              + " ("
              + e
              + "); create it or point DATA_DIR at a writable directory",
          e);
    }
  }

  private static DuckDbStorage connect(Path file) {
    Properties props = new Properties();
    props.setProperty("jdbc_stream_results", "true");
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, props);
      c.setAutoCommit(false);
      return new DuckDbStorage(file, c.unwrap(DuckDBConnection.class));
    } catch (SQLException e) {
      throw new StorageUnavailableException(
          "cannot open the embedded database "
              + file
              + ": "
              + e.getMessage()
              + " (is another cli-analytics server using it?)",
          e);
    }
  }

  @Override
  public void migrate() {
    List<Migrations.Script> scripts = Migrations.load("duckdb", Migrations.DUCKDB);
    write(
        c -> {
          SchemaMigrations.apply(c, scripts, "TIMESTAMPTZ");
          return null;
        });
  }

  @Override
  public void ping() {
    read(c -> SqlRows.queryLong(c, "SELECT 1"));
  }

  @Override
  public InsertResult insertEvents(List<Event> events, Instant receivedAt) {
    List<Event> batch = StorableEvents.of(events);
    if (batch.isEmpty()) {
      return new InsertResult(0, 0);
    }
    Pending mine = new Pending(new DuckDbAppend.Batch(batch, receivedAt));
    pending.add(mine);
    writes.lock();
    try {
      while (!mine.done) {
        writePending();
      }
    } finally {
      writes.unlock();
    }
    if (mine.failure instanceof Error e) {
      throw e;
    }
    if (mine.failure != null) {
      throw (RuntimeException) mine.failure;
    }
    return new InsertResult(mine.accepted, batch.size() - mine.accepted);
  }

  /**
   * Group commit: the thread holding the writer lock stores every batch waiting for it in one merge
   * and one commit, then hands each request its own count. Each request still returns only after
   * the commit that holds its events; if that commit fails, every batch in it fails and none is
   * stored.
   */
  private void writePending() {
    List<Pending> group = new java.util.ArrayList<>();
    int events = 0;
    for (Pending p; events < GROUP_EVENTS && (p = pending.poll()) != null; ) {
      group.add(p);
      events += p.batch.events().size();
    }
    try {
      int[] accepted =
          write(c -> DuckDbAppend.insert(c, group.stream().map(p -> p.batch).toList()));
      for (int i = 0; i < group.size(); i++) {
        group.get(i).accepted = accepted[i];
      }
    } catch (RuntimeException | Error e) {
      // Every request of the group learns of the failure: none may report its events stored.
      for (Pending p : group) {
        p.failure = e;
      }
    } finally {
      for (Pending p : group) {
        p.done = true;
      }
    }
  }

  /** A batch waiting for the writer; its fields are read and written under the writer lock. */
  private static final class Pending {
    final DuckDbAppend.Batch batch;
    boolean done;
    int accepted;
    Throwable failure;

    Pending(DuckDbAppend.Batch batch) {
      this.batch = batch;
    }
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
        write(
            c -> {
              int n =
                  batch.isEmpty()
                      ? 0
                      : DuckDbAppend.insert(c, List.of(new DuckDbAppend.Batch(batch, receivedAt)))[
                          0];
              DuckDbAppend.documents(c, ids, Documents.json(documents), receivedAt);
              return n;
            });
    return new BatchResult(accepted, batch.size() - accepted, ids);
  }

  @Override
  public List<Row> rows(int limit, int offset) {
    return read(c -> SqlRows.rows(c, Paging.limit(limit), Paging.offset(offset)));
  }

  @Override
  public RowQuery.Page query(RowQuery query, boolean count) {
    return read(c -> RowQuerySql.run(c, DuckDbDialect.INSTANCE, query, count));
  }

  @Override
  public List<StoredEvent> events(long afterSeq, int limit) {
    return read(c -> SqlRows.events(c, afterSeq, Paging.limit(limit)));
  }

  @Override
  public long forEachEvent(long afterSeq, long throughSeq, Consumer<StoredEvent> sink) {
    return read(c -> SqlRows.forEachEvent(c, afterSeq, throughSeq, sink));
  }

  @Override
  public long lastSeq() {
    return read(c -> SqlRows.queryLong(c, "SELECT coalesce(max(seq), 0) FROM events"));
  }

  @Override
  public long deleteActor(String storedActorId) {
    return write(
        c -> {
          return ActorDeletes.actor(c, DuckDbDialect.INSTANCE, storedActorId);
        });
  }

  @Override
  public long deleteEventsBefore(Instant cutoff, Instant aggregateCutoff) {
    return write(
        c -> {
          return ActorDeletes.before(c, DuckDbDialect.INSTANCE, cutoff, aggregateCutoff);
        });
  }

  @Override
  public InferenceStore inference() {
    return new DuckDbInference(this);
  }

  @Override
  public long countEvents() {
    return read(c -> SqlRows.queryLong(c, "SELECT count(*) FROM events"));
  }

  @Override
  public PoolStats poolStats() {
    return PoolStats.ofWriter(writes);
  }

  @Override
  public void close() {
    writes.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      writer.close();
    } catch (SQLException e) {
      throw unavailable(e);
    } finally {
      OPEN.remove(file);
      writes.unlock();
    }
  }

  /**
   * Copies the database file (and its write-ahead log, if one is left) into {@code dir}, under the
   * writer lock: no commit can land while the files are copied, so the copy is the database as of
   * the last acknowledged write (docs/operations.md). Reads go on meanwhile; writes wait. Returns
   * the files written.
   */
  public List<Path> backup(Path dir) {
    writes.lock();
    try {
      checkpointQuietly();
      List<Path> written = new java.util.ArrayList<>();
      Path wal = file.resolveSibling(file.getFileName() + ".wal");
      for (Path source : List.of(file, wal)) {
        if (Files.exists(source)) {
          Path target = dir.resolve(source.getFileName().toString());
          Files.copy(source, target);
          written.add(target);
        }
      }
      return written;
    } catch (IOException e) {
      throw new StorageUnavailableException(
          "cannot copy the embedded database to " + dir + ": " + e, e);
    } finally {
      writes.unlock();
    }
  }

  // Folds the write-ahead log into the file when no read is running; else the log is copied too.
  private void checkpointQuietly() {
    try (var s = writer.createStatement()) {
      s.execute("CHECKPOINT");
      writer.commit();
    } catch (SQLException e) {
      Jdbc.rollbackQuietly(writer, e);
    }
  }

  @Override
  public String toString() {
    return "DuckDB " + file;
  }

  <T> T write(Jdbc.Work<T> work) {
    writes.lock();
    try {
      try {
        T result = work.run(writer);
        writer.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        Jdbc.rollbackQuietly(writer, e);
        throw e;
      }
    } catch (SQLException e) {
      throw unavailable(e);
    } finally {
      writes.unlock();
    }
  }

  /** Runs {@code work} in a read-only transaction of its own connection (one snapshot). */
  <T> T read(Jdbc.Work<T> work) {
    try (Connection c = writer.duplicate()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        Jdbc.rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private StorageUnavailableException unavailable(SQLException e) {
    return new StorageUnavailableException(
        "the embedded database " + file + " failed: " + e.getMessage(), e);
  }
}
