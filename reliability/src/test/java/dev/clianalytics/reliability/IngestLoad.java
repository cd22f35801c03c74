package dev.clianalytics.reliability;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.testing.Http;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads that post batches of fresh events to {@code /ingest} as fast as the server takes
 * them, until closed. Every event id goes into {@link Tally#sent} before its request leaves and
 * into {@link Tally#acknowledged} only when the server answered 200, so a crash at any moment
 * leaves an exact record of what the server may and must have stored.
 */
final class IngestLoad implements AutoCloseable {
  /** What the load sent and what the server acknowledged, across server restarts. */
  record Tally(Set<String> sent, Set<String> acknowledged, AtomicLong failedRequests) {
    static Tally create() {
      return new Tally(
          ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), new AtomicLong());
    }
  }

  private final List<Thread> threads = new ArrayList<>();
  private final Tally tally;
  private volatile boolean stopped;

  private IngestLoad(Tally tally) {
    this.tally = tally;
  }

  /** Starts {@code clients} threads posting batches of {@code batchSize} events to {@code http}. */
  static IngestLoad start(Http http, String token, int clients, int batchSize, Tally tally) {
    IngestLoad load = new IngestLoad(tally);
    for (int i = 0; i < clients; i++) {
      String actor = "crash-client-" + i;
      Thread t =
          Thread.ofPlatform()
              .name("ingest-load-" + i)
              .daemon()
              .start(() -> load.post(http, token, actor, batchSize, tally));
      load.threads.add(t);
    }
    return load;
  }

  private void post(Http http, String token, String actor, int batchSize, Tally tally) {
    while (!stopped) {
      List<Map<String, Object>> batch = new ArrayList<>(batchSize);
      for (int i = 0; i < batchSize; i++) {
        batch.add(Ev.recent(actor).json());
      }
      List<String> ids = batch.stream().map(e -> (String) e.get("event_id")).toList();
      tally.sent().addAll(ids);
      try {
        Http.Response r = http.postJson("/ingest", Json.write(batch), token);
        if (r.status() == 200) {
          tally.acknowledged().addAll(ids);
          continue;
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        // the server is gone (killed) or unreachable: this batch is sent but not acknowledged
      }
      tally.failedRequests().incrementAndGet();
      ServerProcess.sleep(20);
    }
  }

  /** Waits until at least {@code count} events are acknowledged in all (this run and earlier). */
  void awaitAcknowledged(long count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (tally.acknowledged().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only "
                + tally.acknowledged().size()
                + " of "
                + count
                + " events were acknowledged within "
                + timeout);
      }
      ServerProcess.sleep(10);
    }
  }

  /** Stops the threads and waits for them (each finishes its request in flight first). */
  @Override
  public void close() {
    stopped = true;
    for (Thread t : threads) {
      try {
        t.join(Duration.ofSeconds(70));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
