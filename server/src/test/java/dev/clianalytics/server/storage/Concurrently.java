package dev.clianalytics.server.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs one task on several threads that start together, and collects their results. */
public final class Concurrently {
  private Concurrently() {}

  public static <T> List<T> run(int threads, IntFunction<T> task) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<T> call =
            () -> {
              start.await();
              return task.apply(thread);
            };
        futures.add(executor.submit(call));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(unwrap(f));
      }
      return results;
    } finally {
      executor.shutdownNow();
    }
  }

  private static <T> T unwrap(Future<T> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
