package dev.clianalytics.server.resilience;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server (as on SIGTERM) lets a request in flight finish and be acknowledged. */
class GracefulShutdownTest {
  @TempDir Path dir;

  /** Holds every insert until released, so a request is surely in flight during shutdown. */
  static final class HeldStorage extends InMemoryStorage {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public InsertResult insertEvents(List<Event> batch, Instant receivedAt) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.insertEvents(batch, receivedAt);
    }
  }

  @Test
  void close_waitsForRequestsInFlight() throws Exception {
    HeldStorage storage = new HeldStorage();
    ServerConfig config =
        ServerConfig.from(Map.of("DATA_DIR", dir.toString(), "PORT", "0"), dir.resolve("none"));
    CliAnalyticsServer server = CliAnalyticsServer.start(config, storage);
    Http http = new Http(server.port());
    CompletableFuture<Http.Response> inFlight =
        CompletableFuture.supplyAsync(
            () -> http.post("/ingest", Json.write(Ev.recent("late").json())));
    storage.entered.await();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
    Thread.sleep(300); // let close() begin before the insert completes
    storage.release.countDown();
    assertEquals(200, inFlight.get().status());
    stopping.get();
    assertEquals(1, storage.heldEvents());
  }
}
