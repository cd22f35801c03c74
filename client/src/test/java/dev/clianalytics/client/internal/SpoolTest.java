package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  private static List<String> events(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("{\"n\":" + i + "}");
    }
    return out;
  }

  @Test
  void takeAll_afterAppends_returnsEventsOldestFirstAndEmptiesTheSpool() throws IOException {
    Spool spool = new Spool(dir.resolve("s.jsonl"), 10, 10_000);
    spool.append(events(0, 2));
    spool.append(events(2, 3));
    assertEquals(events(0, 3), spool.takeAll());
    assertEquals(List.of(), spool.takeAll());
  }

  @Test
  void append_beyondTheDefaultBounds_keepsTheNewest1000WithinOneMebibyte() throws IOException {
    Spool spool = Spool.forDestination(dir, URI.create("http://127.0.0.1/ingest"));
    String padding = "x".repeat(200);
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      all.add("{\"n\":" + i + ",\"pad\":\"" + padding + "\"}");
    }
    for (int i = 0; i < all.size(); i += 100) {
      spool.append(all.subList(i, i + 100));
    }
    long bytes = Files.size(spool.file());
    List<String> kept = spool.takeAll();
    assertEquals(all.subList(200, 1_200), kept);
    assertTrue(bytes <= Spool.MAX_BYTES, bytes + " bytes");
  }

  @Test
  void append_beyondTheByteBound_dropsOldestFirst() throws IOException {
    Spool spool = new Spool(dir.resolve("s.jsonl"), 1_000, 40);
    spool.append(events(0, 10));
    List<String> kept = spool.takeAll();
    assertEquals(events(10 - kept.size(), 10), kept);
    assertTrue(kept.size() < 10);
  }

  @Test
  void forDestination_differentUrls_useDifferentFiles() {
    assertNotEquals(
        Spool.forDestination(dir, URI.create("https://a.example/ingest")).file(),
        Spool.forDestination(dir, URI.create("https://b.example/ingest")).file());
  }

  @Property(tries = 60)
  void append_anySequence_staysWithinBoundsAndKeepsTheNewestSuffix(
      @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 30) Integer> batchSizes,
      @ForAll @IntRange(min = 1, max = 25) int maxEvents,
      @ForAll @IntRange(min = 1, max = 300) int maxBytes)
      throws IOException {
    Path file = Files.createTempDirectory("spool-prop").resolve("s.jsonl");
    Spool spool = new Spool(file, maxEvents, maxBytes);
    List<String> all = new ArrayList<>();
    for (int size : batchSizes) {
      List<String> batch = events(all.size(), all.size() + size);
      all.addAll(batch);
      spool.append(batch);
      long bytes = Files.exists(file) ? Files.size(file) : 0;
      assertTrue(bytes <= maxBytes, bytes + " > " + maxBytes);
    }
    List<String> kept = spool.takeAll();
    assertTrue(kept.size() <= maxEvents);
    assertEquals(all.subList(all.size() - kept.size(), all.size()), kept);
  }
}
