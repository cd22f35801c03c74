package dev.clianalytics.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /rest/v1/events} writes a request's events and documents with one storage call (one
 * transaction), however many rows it has: the timing of 5,000 documents is in docs/storage.md.
 */
class RestBatchingTest {
  @TempDir Path dir;

  /** Counts every write the server asks of the store. */
  static final class CountingStorage extends InMemoryStorage {
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public InsertResult insertEvents(List<Event> batch, Instant receivedAt) {
      writes.incrementAndGet();
      return super.insertEvents(batch, receivedAt);
    }

    @Override
    public UUID insertDocument(Map<String, Object> document, Instant receivedAt) {
      writes.incrementAndGet();
      return super.insertDocument(document, receivedAt);
    }

    @Override
    public BatchResult insertBatch(
        List<Event> events, List<Map<String, Object>> documents, Instant receivedAt) {
      writes.incrementAndGet();
      return super.insertBatch(events, documents, receivedAt);
    }
  }

  @Test
  void insert_fiveThousandDocumentsAndSomeEvents_isOneStorageWrite() {
    CountingStorage storage = new CountingStorage();
    ServerConfig config =
        ServerConfig.from(Map.of("DATA_DIR", dir.toString(), "PORT", "0"), dir.resolve("none"));
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      rows.add(i % 1_000 == 0 ? Ev.recent("batch-" + i).json() : Map.of("n", i));
    }
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, storage)) {
      Http http = new Http(server.port());

      Http.Response r =
          http.post("/rest/v1/events", Json.write(rows), "Content-Type", "application/json");

      assertEquals(201, r.status(), r.body());
      assertEquals(1, storage.writes.get());
      assertEquals(5_000, storage.rows(10_000, 0).size());
    }
  }
}
