package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandoffTest {
  @Test
  void itemsAndTasksRunOnTheSecondThreadInTheOrderGiven() {
    List<String> done = Collections.synchronizedList(new ArrayList<>());
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    try (Handoff<String> handoff =
        new Handoff<>(
            "test-worker",
            s -> 1,
            s -> {
              done.add(s);
              threads.add(Thread.currentThread().getName());
            })) {
      handoff.accept("a");
      handoff.run(() -> done.add("task"));
      handoff.accept("b");
      handoff.finish();
    }
    assertEquals(List.of("a", "task", "b"), done);
    assertEquals(List.of("test-worker", "test-worker"), threads);
  }

  @Test
  void chainedHandoffsKeepTasksInOrderWithTheItemsOfBothStages() {
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    try (Handoff<String> writes = new Handoff<>("write", s -> 1, written::add);
        Handoff<String> analyses =
            new Handoff<>("analyze", s -> 1, s -> writes.accept(s.toUpperCase()))) {
      for (int i = 0; i < 1_000; i++) {
        analyses.accept("s" + i);
        if (i % 100 == 99) {
          int after = i;
          analyses.run(() -> writes.run(() -> written.add("counts after " + after)));
        }
      }
      analyses.finish();
      writes.finish();
    }
    assertEquals(1_010, written.size());
    for (int i = 0; i < 1_000; i++) {
      int at = i + i / 100;
      assertEquals("S" + i, written.get(at));
      if (i % 100 == 99) {
        assertEquals("counts after " + i, written.get(at + 1));
      }
    }
  }

  @Test
  void aFailureOfTheSecondThreadIsRethrownToTheFirst() {
    try (Handoff<String> handoff =
        new Handoff<>(
            "failing",
            s -> 1,
            s -> {
              throw new IllegalStateException("broken " + s);
            })) {
      handoff.accept("x");
      IllegalStateException e = assertThrows(IllegalStateException.class, handoff::finish);
      assertEquals("broken x", e.getMessage());
    }
  }

  @Test
  void theFirstThreadWaitsWhileTooManyEventsAreQueued() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger handed = new AtomicInteger();
    try (Handoff<Integer> handoff =
        new Handoff<>(
            "slow",
            n -> n,
            n -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })) {
      Thread producer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 4; i++) {
                      handoff.accept(Handoff.MAX_QUEUED_EVENTS / 2);
                      handed.incrementAndGet();
                    }
                  });
      // two halves fill the room (the worker holds the first): the third waits for the release
      for (int i = 0; i < 1_000 && handed.get() < 2; i++) {
        Thread.sleep(10);
      }
      Thread.sleep(200);
      assertTrue(producer.isAlive(), "the producer should be waiting for room");
      assertEquals(2, handed.get());
      release.countDown();
      producer.join(10_000);
      assertEquals(4, handed.get());
      handoff.finish();
    }
  }
}
