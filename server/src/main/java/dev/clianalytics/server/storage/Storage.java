package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Where events and documents live: one small interface, implemented for PostgreSQL and for embedded
 * DuckDB, with one contract test suite run against both. Events reaching it have already passed
 * validation and the privacy rules and carry an event id. Every method throws {@link
 * StorageUnavailableException} when the database cannot be reached.
 */
public interface Storage extends AutoCloseable {

  /** Applies pending versioned migrations; safe to call on every start and concurrently. */
  void migrate();

  /** Checks that the database answers. */
  void ping();

  /**
   * Stores events in one transaction, skipping any whose event id is already stored (or repeated
   * within the batch). Durable when it returns.
   */
  InsertResult insertEvents(List<Event> events, Instant receivedAt);

  /**
   * Stores events (as {@link #insertEvents} does) and JSON documents that are not events (such as
   * north-star aggregates) in one transaction: all of them or, when anything fails, none. Documents
   * get new ids, returned in the order given, and are written as one batch. Durable when it
   * returns.
   */
  BatchResult insertBatch(
      List<Event> events, List<Map<String, Object>> documents, Instant receivedAt);

  /** Stores one JSON document that is not an event; see {@link #insertBatch}. */
  default UUID insertDocument(Map<String, Object> document, Instant receivedAt) {
    return insertBatch(List.of(), List.of(document), receivedAt).documentIds().getFirst();
  }

  /** Stored events and documents as PostgREST rows, events first, each in arrival order. */
  List<Row> rows(int limit, int offset);

  /**
   * One page of the rows a PostgREST read selects (filter, order, offset, limit; see
   * docs/supabase.md), and how many rows match when {@code count}. This default reads every row and
   * applies the query in Java; the database backends run it as SQL.
   */
  default RowQuery.Page query(RowQuery query, boolean count) {
    List<Row> all = new java.util.ArrayList<>();
    for (int offset = 0; ; offset += 10_000) {
      List<Row> page = rows(10_000, offset);
      all.addAll(page);
      if (page.size() < 10_000) {
        return query.apply(all, count);
      }
    }
  }

  /**
   * Deletes every event, derived row and document of one stored (hashed) actor id (every table of
   * {@code ActorTables}); returns the events and documents removed.
   */
  long deleteActor(String storedActorId);

  /**
   * Deletes events older than {@code cutoff}, documents received before it and the derived rows
   * that expire with them; returns how many events. Weekly workflow aggregates (no identifiers)
   * outlive them until {@code aggregateCutoff} (null: forever); stores without derived tables
   * ignore it.
   */
  long deleteEventsBefore(Instant cutoff, Instant aggregateCutoff);

  /** {@link #deleteEventsBefore(Instant, Instant)} keeping aggregates forever. */
  default long deleteEventsBefore(Instant cutoff) {
    return deleteEventsBefore(cutoff, null);
  }

  /** Number of stored events. */
  long countEvents();

  /**
   * Events with {@code afterSeq < seq}, in arrival order, at most {@code limit} (1 to 10,000). For
   * paging through everything: pass the last seq seen.
   */
  List<StoredEvent> events(long afterSeq, int limit);

  /**
   * Streams the events with {@code afterSeq < seq <= throughSeq} to {@code sink}, ordered by actor
   * id, timestamp, then seq, holding only a few thousand in memory at a time; returns how many. The
   * scan reads one consistent snapshot. An exception thrown by {@code sink} stops the scan and
   * propagates unchanged.
   */
  long forEachEvent(long afterSeq, long throughSeq, Consumer<StoredEvent> sink);

  /**
   * The highest seq among stored events (0 when none are stored), as a safe high-water mark for
   * incremental work: once this returns {@code n}, no event with a seq at or below {@code n} can
   * appear later. On PostgreSQL it first waits for batches being inserted to commit (pausing new
   * ones for that moment), so call it once per pass, not per event.
   */
  long lastSeq();

  /**
   * The derived tables inference writes and reports read. Stores without them (test fakes) throw
   * {@link UnsupportedOperationException}.
   */
  default InferenceStore inference() {
    throw new UnsupportedOperationException(this + " keeps no derived tables for inference");
  }

  /**
   * Connection pool figures for metrics; cheap, never touches the database. The default (for fakes
   * without a pool) reports an empty pool.
   */
  default PoolStats poolStats() {
    return new PoolStats(0, 0, 0, 0);
  }

  @Override
  void close();

  /**
   * Connections in use, idle and at most allowed, and callers waiting for one. The embedded
   * database has one writer: {@code active} is 1 while a write runs and {@code waiting} counts
   * queued writes.
   */
  record PoolStats(int active, int idle, int max, int waiting) {
    /** The figures of a backend whose writes take turns on {@code writes}. */
    public static PoolStats ofWriter(java.util.concurrent.locks.ReentrantLock writes) {
      int active = writes.isLocked() ? 1 : 0;
      return new PoolStats(active, 1 - active, 1, writes.getQueueLength());
    }
  }

  /**
   * An event as stored: {@code seq} orders events by arrival (gaps are possible: duplicates and
   * deletions leave holes, and seqs are never reused).
   */
  record StoredEvent(long seq, Instant receivedAt, Event event) {}

  /** How many events of a batch were new and how many were already stored. */
  record InsertResult(int accepted, int duplicates) {}

  /** {@link InsertResult}'s counts for the events, and the new documents' ids in order. */
  record BatchResult(int accepted, int duplicates, List<UUID> documentIds) {
    public BatchResult {
      documentIds = List.copyOf(documentIds);
    }
  }

  /** One PostgREST row: {@code {"id": ..., "payload": {...}}}. */
  record Row(UUID id, Map<String, Object> payload) {}
}
