package dev.clianalytics.bench;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.testing.Ev;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Stored-form events for the storage benchmarks, and a way to run work on several threads. */
final class BenchEvents {
  static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  private BenchEvents() {}

  /** An event with every field but the error message and machine id set. */
  static Event full(String actor, Instant ts) {
    return Ev.at(ts)
        .actor(actor)
        .cmd("git commit")
        .version("2.45.1")
        .flags("--amend", "-m")
        .exit(1)
        .duration(1234)
        .error("MergeConflict")
        .hint("session-" + actor)
        .ci()
        .build();
  }

  /** {@code n} events over {@code actors} actors, alternately full and with few fields. */
  static List<Event> many(int n, String actorPrefix, int actors) {
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String actor = actorPrefix + (i % actors);
      Instant ts = T0.plusSeconds(i);
      out.add(i % 2 == 0 ? full(actor, ts) : Ev.at(ts).actor(actor).cmd("kubectl").build());
    }
    return out;
  }

  /** Runs {@code task} on {@code threads} threads at once and returns their results in order. */
  static <T> List<T> concurrently(int threads, IntFunction<T> task) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<T> call = () -> task.apply(thread);
        futures.add(executor.submit(call));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      executor.shutdownNow();
    }
  }
}
