package dev.clianalytics.bench;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.Documents;
import dev.clianalytics.server.storage.InferenceStore;
import dev.clianalytics.server.storage.Storage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The storage of {@code ingest --discard}: accepts every batch the server hands it and keeps
 * nothing, so the benchmark measures what the server's HTTP, JSON and privacy work and the load
 * generator reach on the machine with no database at all. Everything else is the wrapped storage's.
 * Exists in the benchmark only; no server configuration can select it.
 */
final class DiscardingStorage implements Storage {
  private final Storage storage;

  DiscardingStorage(Storage storage) {
    this.storage = storage;
  }

  @Override
  public InsertResult insertEvents(List<Event> events, Instant receivedAt) {
    return new InsertResult(events.size(), 0);
  }

  @Override
  public BatchResult insertBatch(
      List<Event> events, List<Map<String, Object>> documents, Instant receivedAt) {
    return new BatchResult(events.size(), 0, Documents.newIds(documents.size()));
  }

  @Override
  public void migrate() {
    storage.migrate();
  }

  @Override
  public void ping() {
    storage.ping();
  }

  @Override
  public List<Row> rows(int limit, int offset) {
    return storage.rows(limit, offset);
  }

  @Override
  public long deleteActor(String storedActorId) {
    return storage.deleteActor(storedActorId);
  }

  @Override
  public long deleteEventsBefore(Instant cutoff, Instant aggregateCutoff) {
    return storage.deleteEventsBefore(cutoff, aggregateCutoff);
  }

  @Override
  public long countEvents() {
    return storage.countEvents();
  }

  @Override
  public List<StoredEvent> events(long afterSeq, int limit) {
    return storage.events(afterSeq, limit);
  }

  @Override
  public long forEachEvent(long afterSeq, long throughSeq, Consumer<StoredEvent> sink) {
    return storage.forEachEvent(afterSeq, throughSeq, sink);
  }

  @Override
  public long lastSeq() {
    return storage.lastSeq();
  }

  @Override
  public InferenceStore inference() {
    return storage.inference();
  }

  @Override
  public PoolStats poolStats() {
    return storage.poolStats();
  }

  @Override
  public void close() {
    storage.close();
  }
}
