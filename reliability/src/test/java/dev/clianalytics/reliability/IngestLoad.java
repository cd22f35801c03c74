package dev.clianalytics.reliability;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.testing.Http;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads that post batches of fresh events to {@code /ingest} as fast as the server takes
 * them, until closed. Every event id goes into {@link Tally#sent} before its request leaves and
 * into {@link Tally#acknowledged} only when the server answered 200, so a crash at any moment
 * leaves an exact record of what the server may and must have stored. The body of every batch that
 * got no 200 goes into {@link Tally#unacknowledged}, that of every other into {@link
 * Tally#answered}, to be sent again after a restart. The events are a few commands of one tool,
 * some failing, so the derived tables have sessions, workflows, errors and paths to compare.
 */
final class IngestLoad implements AutoCloseable {
  /** What the load sent and what the server acknowledged, across server restarts. */
  record Tally(
      Set<String> sent,
      Set<String> acknowledged,
      Queue<String> unacknowledged,
      Queue<String> answered,
      AtomicLong failedRequests) {
    static Tally create() {
      return new Tally(
          ConcurrentHashMap.newKeySet(),
          ConcurrentHashMap.newKeySet(),
          new ConcurrentLinkedQueue<>(),
          new ConcurrentLinkedQueue<>(),
          new AtomicLong());
    }
  }

  private static final List<String> COMMANDS =
      List.of("terraform init", "terraform plan", "terraform apply", "terraform plan");

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
      String body = batch(actor, batchSize, tally);
      try {
        Http.Response r = http.postJson("/ingest", body, token);
        if (r.status() == 200) {
          acknowledge(body, tally);
          tally.answered().add(body);
          continue;
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        // the server is gone (killed) or unreachable: this batch is sent but not acknowledged
      }
      tally.unacknowledged().add(body);
      tally.failedRequests().incrementAndGet();
      ServerProcess.sleep(20);
    }
  }

  /**
   * A JSON batch of {@code size} fresh events by {@code actor}, its event ids recorded as sent
   * before it leaves.
   */
  static String batch(String actor, int size, Tally tally) {
    List<Map<String, Object>> batch = new ArrayList<>(size);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < size; i++) {
      Ev ev = Ev.recent(actor).cmd(COMMANDS.get(i % COMMANDS.size()));
      if (random.nextInt(5) == 0) {
        ev.exit(1).error("validation");
      }
      batch.add(ev.json());
    }
    tally.sent().addAll(ids(batch));
    return Json.write(batch);
  }

  /** Records the events of {@code body}, a batch the server answered 200, as acknowledged. */
  static void acknowledge(String body, Tally tally) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (Object e : (List<?>) Json.parse(body)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> event = (Map<String, Object>) e;
      batch.add(event);
    }
    tally.acknowledged().addAll(ids(batch));
  }

  private static List<String> ids(List<Map<String, Object>> batch) {
    return batch.stream().map(e -> (String) e.get("event_id")).toList();
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
