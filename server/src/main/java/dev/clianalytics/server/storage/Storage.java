package dev.clianalytics.server.storage;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

  /** Stores a JSON document that is not an event (such as a north-star aggregate). */
  UUID insertDocument(Map<String, Object> document, Instant receivedAt);

  /** Stored events and documents as PostgREST rows, events first, each in arrival order. */
  List<Row> rows(int limit, int offset);

  /** Deletes every event and derived row of one stored (hashed) actor id; returns rows removed. */
  long deleteActor(String storedActorId);

  /** Deletes raw events older than {@code cutoff}; returns how many. */
  long deleteEventsBefore(Instant cutoff);

  /** Number of stored events. */
  long countEvents();

  @Override
  void close();

  /** How many events of a batch were new and how many were already stored. */
  record InsertResult(int accepted, int duplicates) {}

  /** One PostgREST row: {@code {"id": ..., "payload": {...}}}. */
  record Row(UUID id, Map<String, Object> payload) {}
}
