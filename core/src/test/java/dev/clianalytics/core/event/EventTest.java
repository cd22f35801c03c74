package dev.clianalytics.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventTest {
  @Test
  void uuidText_isExactlyUuidToString() {
    long[] edges = {
      0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL, 0xfedcba9876543210L
    };
    for (long msb : edges) {
      for (long lsb : edges) {
        UUID id = new UUID(msb, lsb);
        assertEquals(id.toString(), Event.uuidText(id));
      }
    }
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      UUID id = new UUID(random.nextLong(), random.nextLong());
      assertEquals(id.toString(), Event.uuidText(id));
    }
  }

  @Test
  void toJson_writesTheEventIdInUuidForm() {
    UUID id = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    Event event =
        new Event(
            Instant.parse("2024-05-06T07:08:09.010Z"),
            "git",
            null,
            List.of("git"),
            List.of(),
            0,
            null,
            null,
            null,
            "a".repeat(64),
            null,
            null,
            false,
            id);
    assertEquals("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", event.toJson().get("event_id"));
  }
}
