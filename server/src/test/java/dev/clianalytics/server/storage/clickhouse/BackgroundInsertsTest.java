package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundInsertsTest {
  private static byte[] body(int i) {
    return ("row " + i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyBodyIsStoredInOrderOnceDrained() {
    List<String> stored = Collections.synchronizedList(new ArrayList<>());
    try (BackgroundInserts inserts =
        new BackgroundInserts(
            (table, columns, body) ->
                stored.add(table + ":" + new String(body, StandardCharsets.UTF_8)))) {
      for (int i = 0; i < 20; i++) {
        inserts.insert(i % 2 == 0 ? "a_rows" : "b_rows", List.of("x"), body(i));
      }
      inserts.drain();
      assertEquals(20, stored.size());
      for (int i = 0; i < 20; i++) {
        assertEquals((i % 2 == 0 ? "a_rows" : "b_rows") + ":row " + i, stored.get(i));
      }
    }
  }

  @Test
  void aFailedInsertIsRethrownByDrain() {
    try (BackgroundInserts inserts =
        new BackgroundInserts(
            (table, columns, body) -> {
              throw new IllegalStateException("ClickHouse refused " + table);
            })) {
      inserts.insert("a_rows", List.of("x"), body(1));
      IllegalStateException e = assertThrows(IllegalStateException.class, inserts::drain);
      assertEquals("ClickHouse refused a_rows", e.getMessage());
    }
  }

  @Test
  void aFailedInsertIsRethrownByALaterInsertOnceTheQueueIsFull() {
    try (BackgroundInserts inserts =
        new BackgroundInserts(
            (table, columns, body) -> {
              throw new IllegalStateException("down");
            })) {
      assertThrows(
          IllegalStateException.class,
          () -> {
            for (int i = 0; i <= BackgroundInserts.MAX_PENDING; i++) {
              inserts.insert("a_rows", List.of("x"), body(i));
            }
          });
    }
  }

  @Test
  void atMostMaxPendingBodiesWaitWhileAnInsertIsSlow() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    BackgroundInserts inserts =
        new BackgroundInserts(
            (table, columns, body) -> {
              started.incrementAndGet();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    CountDownLatch handedOver = new CountDownLatch(1);
    Thread producer =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int i = 0; i < BackgroundInserts.MAX_PENDING + 1; i++) {
                    inserts.insert("a_rows", List.of("x"), body(i));
                  }
                  handedOver.countDown();
                });
    // the producer blocks on its third body: two are pending and the first is still stored
    assertTrue(!handedOver.await(300, TimeUnit.MILLISECONDS), "a third body must wait");
    release.countDown();
    assertTrue(handedOver.await(10, TimeUnit.SECONDS));
    producer.join();
    inserts.drain();
    assertEquals(BackgroundInserts.MAX_PENDING + 1, started.get());
    inserts.close();
  }
}
