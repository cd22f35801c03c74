package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher's threads: one started by the caller, the primer started by the sender. */
@Timeout(30)
class DispatcherTest {
  static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";

  @TempDir Path cache;

  @Test
  void start_runsThePrimerOnADaemonThreadOfItsOwnAndStillDelivers() throws Exception {
    try (RawServer server = new RawServer(OK)) {
      Transport transport = TransportTest.transport(server.url("/ingest"));
      CompletableFuture<Thread> primedOn = new CompletableFuture<>();
      Supplier<Spool> spool =
          () -> new Spool(cache.resolve("spool.jsonl"), Spool.MAX_EVENTS, Spool.MAX_BYTES);
      Dispatcher dispatcher =
          new Dispatcher(
              transport,
              spool,
              Backoff.withRandomJitter(),
              () -> primedOn.complete(Thread.currentThread()));
      dispatcher.start();
      Thread primer = primedOn.get(10, TimeUnit.SECONDS);
      assertEquals("cli-analytics-prime", primer.getName());
      assertTrue(primer.isDaemon());
      dispatcher.enqueue("{\"event_id\":\"e1\"}");
      assertTrue(dispatcher.flush(Duration.ofSeconds(10)));
      dispatcher.close(Duration.ofSeconds(1));
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void resolveAhead_unknownHostOrStoppedTransport_returnsQuietly() {
    Transport unknown = TransportTest.transport("http://events.invalid/ingest");
    unknown.resolveAhead();
    assertEquals(SendResult.Outcome.RETRY, unknown.send(List.of("{}")).outcome());
    Transport stopped = TransportTest.transport("http://127.0.0.1:9/ingest");
    stopped.shutdown();
    stopped.resolveAhead();
  }
}
