package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private final ReentrantLock turn = new ReentrantLock();
  private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());

  /** Batches are their sizes; each answers its size times ten. */
  private GroupCommit<Integer, Integer> commit(int maxWeight) {
    return new GroupCommit<>(
        turn,
        size -> size,
        maxWeight,
        group -> {
          groups.add(List.copyOf(group));
          return group.stream().map(size -> size * 10).toList();
        });
  }

  @Test
  void aBatchAloneIsWrittenAloneAndAnswersItsOwnResult() {
    GroupCommit<Integer, Integer> commit = commit(100);
    assertEquals(30, commit.write(3));
    assertEquals(50, commit.write(5));
    assertEquals(List.of(List.of(3), List.of(5)), groups);
  }

  @Test
  void batchesArrivingDuringAWriteAreWrittenTogetherNextEachWithItsResult() throws Exception {
    GroupCommit<Integer, Integer> commit = commit(100);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      turn.lock(); // a write in progress
      List<Future<Integer>> answers = new ArrayList<>();
      for (int size : new int[] {1, 2, 3}) {
        answers.add(pool.submit(() -> commit.write(size)));
      }
      awaitQueued(3);
      turn.unlock();
      assertEquals(10, answers.get(0).get(10, TimeUnit.SECONDS));
      assertEquals(20, answers.get(1).get(10, TimeUnit.SECONDS));
      assertEquals(30, answers.get(2).get(10, TimeUnit.SECONDS));
      assertEquals(1, groups.size(), "one group: " + groups);
      assertEquals(List.of(1, 2, 3), groups.getFirst().stream().sorted().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aGroupStaysWithinItsWeightButAlwaysTakesOneBatch() throws Exception {
    GroupCommit<Integer, Integer> commit = commit(10);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      turn.lock();
      List<Future<Integer>> answers = new ArrayList<>();
      answers.add(pool.submit(() -> commit.write(6)));
      awaitQueued(1);
      answers.add(pool.submit(() -> commit.write(6)));
      awaitQueued(2);
      answers.add(pool.submit(() -> commit.write(25)));
      awaitQueued(3);
      turn.unlock();
      for (Future<Integer> a : answers) {
        a.get(10, TimeUnit.SECONDS);
      }
      assertEquals(List.of(List.of(6), List.of(6), List.of(25)), groups);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedGroupFailsEveryBatchInItWithTheSameError() throws Exception {
    RuntimeException down = new IllegalStateException("ClickHouse is down");
    GroupCommit<Integer, Integer> commit =
        new GroupCommit<>(
            turn,
            size -> size,
            100,
            group -> {
              throw down;
            });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      turn.lock();
      List<Future<Integer>> answers = new ArrayList<>();
      answers.add(pool.submit(() -> commit.write(1)));
      answers.add(pool.submit(() -> commit.write(2)));
      awaitQueued(2);
      turn.unlock();
      for (Future<Integer> a : answers) {
        try {
          a.get(10, TimeUnit.SECONDS);
          throw new AssertionError("a batch of a failed group succeeded");
        } catch (java.util.concurrent.ExecutionException e) {
          assertSame(down, e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until {@code n} threads wait for the write turn. */
  private void awaitQueued(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (turn.getQueueLength() < n) {
      assertTrue(System.nanoTime() < deadline, "threads never queued");
      Thread.sleep(5);
    }
  }
}
