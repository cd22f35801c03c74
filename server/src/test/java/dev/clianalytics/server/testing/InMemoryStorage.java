package dev.clianalytics.server.testing;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.storage.Documents;
import dev.clianalytics.server.storage.Paging;
import dev.clianalytics.server.storage.StorableEvents;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.StorageUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A hand-written fake for fast tests, held to the storage contract ({@code
 * InMemoryStorageContractTest}); {@link #down} simulates an unreachable database.
 */
public class InMemoryStorage implements Storage {
  private final Map<UUID, StoredEvent> events = new LinkedHashMap<>();
  private long seq;
  private final Map<UUID, Map<String, Object>> documents = new LinkedHashMap<>();
  private final Map<UUID, Instant> documentsReceived = new LinkedHashMap<>();
  public volatile boolean down;
  private volatile boolean closed;

  private void check() {
    if (down || closed) {
      throw new StorageUnavailableException("down", null);
    }
  }

  @Override
  public synchronized void migrate() {
    check();
  }

  @Override
  public synchronized void ping() {
    check();
  }

  @Override
  public synchronized InsertResult insertEvents(List<Event> batch, Instant receivedAt) {
    check();
    return store(StorableEvents.of(batch), StorableEvents.micros(receivedAt));
  }

  private InsertResult store(List<Event> batch, Instant receivedAt) {
    int accepted = 0;
    for (Event e : batch) {
      if (!events.containsKey(e.eventId())) {
        events.put(e.eventId(), new StoredEvent(++seq, receivedAt, e));
        accepted++;
      }
    }
    return new InsertResult(accepted, batch.size() - accepted);
  }

  @Override
  public synchronized BatchResult insertBatch(
      List<Event> batch, List<Map<String, Object>> docs, Instant receivedAt) {
    check();
    List<Event> events = StorableEvents.of(batch);
    List<String> json = Documents.json(docs); // refuses what no database could store
    List<UUID> ids = Documents.newIds(docs.size());
    InsertResult r = store(events, StorableEvents.micros(receivedAt));
    for (int i = 0; i < ids.size(); i++) {
      documents.put(ids.get(i), document(json.get(i)));
      documentsReceived.put(ids.get(i), receivedAt);
    }
    return new BatchResult(r.accepted(), r.duplicates(), ids);
  }

  @SuppressWarnings("unchecked") // a document is always a JSON object
  private static Map<String, Object> document(String json) {
    return (Map<String, Object>) Json.parse(json);
  }

  @Override
  public synchronized List<Row> rows(int limit, int offset) {
    check();
    Paging.limit(limit);
    Paging.offset(offset);
    List<Row> all = new ArrayList<>();
    events.values().forEach(e -> all.add(new Row(e.event().eventId(), e.event().toJson())));
    documents.forEach((id, d) -> all.add(new Row(id, d)));
    return all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
  }

  @Override
  public synchronized long deleteActor(String storedActorId) {
    check();
    int before = events.size() + documents.size();
    events.values().removeIf(e -> e.event().actorId().equals(storedActorId));
    documents.values().removeIf(d -> Json.write(d).contains(storedActorId));
    return before - events.size() - documents.size();
  }

  @Override
  public synchronized long deleteEventsBefore(Instant cutoff, Instant aggregateCutoff) {
    check();
    int before = events.size();
    events.values().removeIf(e -> e.event().timestamp().isBefore(cutoff));
    documents.keySet().removeIf(id -> documentsReceived.get(id).isBefore(cutoff));
    return before - events.size();
  }

  /**
   * How many events the fake holds, readable after {@link #close} too, as a database's files are (a
   * closed storage itself answers nothing, as the contract says).
   */
  public synchronized long heldEvents() {
    return events.size();
  }

  @Override
  public synchronized long countEvents() {
    check();
    return events.size();
  }

  @Override
  public synchronized List<StoredEvent> events(long afterSeq, int limit) {
    check();
    return events.values().stream()
        .filter(e -> e.seq() > afterSeq)
        .limit(Paging.limit(limit))
        .toList();
  }

  @Override
  public long forEachEvent(long afterSeq, long throughSeq, Consumer<StoredEvent> sink) {
    List<StoredEvent> selected;
    synchronized (this) {
      check();
      selected =
          events.values().stream()
              .filter(e -> e.seq() > afterSeq && e.seq() <= throughSeq)
              .sorted(
                  Comparator.comparing((StoredEvent e) -> e.event().actorId())
                      .thenComparing(e -> e.event().timestamp())
                      .thenComparingLong(StoredEvent::seq))
              .toList();
    }
    selected.forEach(sink);
    return selected.size();
  }

  @Override
  public synchronized long lastSeq() {
    check();
    return seq;
  }

  /** Like the embedded database: one "connection", idle between calls. */
  @Override
  public PoolStats poolStats() {
    return new PoolStats(0, 1, 1, 0);
  }

  @Override
  public void close() {
    closed = true;
  }
}
