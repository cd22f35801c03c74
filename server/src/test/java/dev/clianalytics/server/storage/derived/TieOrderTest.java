package dev.clianalytics.server.storage.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TieOrderTest {
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  private static Event event(String actor, int second, String id) {
    return new Event(
        T.plusSeconds(second),
        "git",
        null,
        List.of("git", "status"),
        List.of(),
        0,
        null,
        null,
        null,
        actor,
        null,
        null,
        false,
        UUID.fromString(id));
  }

  private static List<Event> through(List<Event> in) {
    List<Event> out = new ArrayList<>();
    TieOrder order = new TieOrder(out::add);
    in.forEach(order);
    order.finish();
    return out;
  }

  @Test
  void sameActorAndTime_comeOutInEventIdOrder() {
    Event a = event("x", 0, "00000000-0000-0000-0000-00000000000a");
    Event b = event("x", 0, "00000000-0000-0000-0000-00000000000b");
    Event c = event("x", 0, "00000000-0000-0000-0000-00000000000c");
    Event later = event("x", 1, "00000000-0000-0000-0000-000000000001");

    assertEquals(List.of(a, b, c, later), through(List.of(c, a, b, later)));
  }

  @Test
  void differentActorsOrTimes_keepTheirOrder() {
    Event x = event("x", 0, "00000000-0000-0000-0000-00000000000b");
    Event y = event("y", 0, "00000000-0000-0000-0000-00000000000a");
    Event y2 = event("y", 5, "00000000-0000-0000-0000-000000000001");

    assertEquals(List.of(x, y, y2), through(List.of(x, y, y2)));
  }

  @Test
  void nothingIn_nothingOut() {
    assertEquals(List.of(), through(List.of()));
  }
}
