package dev.clianalytics.server.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.Http;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    int port = server.port();
    Http http = new Http(port);
    CompletableFuture<Http.Response> inFlight =
        CompletableFuture.supplyAsync(
            () -> http.post("/ingest", Json.write(Ev.recent("late").json())));
    storage.entered.await();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
    awaitRefused(port, stopping);
    assertFalse(stopping.isDone(), "close() returned while a request was in flight");
    storage.release.countDown();
    assertEquals(200, inFlight.get().status());
    stopping.get();
    assertEquals(1, storage.heldEvents());
  }

  /**
   * Waits until the connector refuses new connections, the sign that close() has begun; fails if
   * close() finishes first or the port never refuses.
   */
  private static void awaitRefused(int port, CompletableFuture<Void> stopping) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      } catch (ConnectException refused) {
        return;
      }
      if (stopping.isDone()) {
        fail("close() finished before the request in flight was released");
      }
      Thread.sleep(10);
    }
    fail("the connector still accepted connections 20 s after close() began");
  }
}
