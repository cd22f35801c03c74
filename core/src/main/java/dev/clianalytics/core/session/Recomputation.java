package dev.clianalytics.core.session;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans incremental inference: which sessions late or new events affect. New events can extend a
 * stored session, start a new one, or bridge two stored sessions into one; every other stored
 * session is separated from them by more than the timeout and stays as it is. Recomputing the
 * planned ranges therefore gives exactly what sessionizing all events again would.
 */
public final class Recomputation {
  private Recomputation() {}

  /**
   * The ranges to recompute. {@code stored} must hold at least the stored sessions of the new
   * events' keys that end no earlier than the timeout before the earliest new event and start no
   * later than the timeout after the latest one; others are ignored.
   */
  public static List<Recompute> plan(
      Collection<SessionSpan> stored, Collection<Event> newEvents, Sessionizer sessionizer) {
    Map<SessionKey, List<Item>> byKey = new HashMap<>();
    for (Event event : newEvents) {
      SessionKey key = new SessionKey(event.actorId(), event.sessionHint());
      byKey
          .computeIfAbsent(key, k -> new ArrayList<>())
          .add(new Item(event.timestamp(), event.timestamp(), true));
    }
    for (SessionSpan span : stored) {
      List<Item> items = byKey.get(span.key());
      if (items != null) {
        items.add(new Item(span.start(), span.end(), false));
      }
    }
    List<Recompute> plan = new ArrayList<>();
    byKey.forEach((key, items) -> plan.addAll(groups(key, items, sessionizer)));
    plan.sort(
        Comparator.comparing((Recompute r) -> r.key().actorId())
            .thenComparing(r -> String.valueOf(r.key().sessionHint()))
            .thenComparing(Recompute::from));
    return plan;
  }

  /**
   * Stored sessions not in any planned range whose open flag differs at {@code horizon}: their
   * events are unchanged, but their instances must be detected again (IN_PROGRESS becomes final).
   */
  public static List<SessionSpan> reclassify(
      Collection<SessionSpan> stored, Instant horizon, Sessionizer sessionizer) {
    return stored.stream().filter(s -> s.open() != sessionizer.isOpen(s.end(), horizon)).toList();
  }

  private record Item(Instant start, Instant end, boolean fresh) {}

  // Chains items like events: an item within the timeout of the group's end joins the group.
  private static List<Recompute> groups(SessionKey key, List<Item> items, Sessionizer sessionizer) {
    items.sort(Comparator.comparing(Item::start).thenComparing(Item::end));
    List<Recompute> result = new ArrayList<>();
    Instant from = null;
    Instant to = null;
    boolean fresh = false;
    for (Item item : items) {
      if (from != null && !sessionizer.continues(to, item.start())) {
        if (fresh) {
          result.add(new Recompute(key, from, to));
        }
        from = null;
      }
      if (from == null) {
        from = item.start();
        to = item.end();
        fresh = item.fresh();
      } else {
        to = to.isAfter(item.end()) ? to : item.end();
        fresh |= item.fresh();
      }
    }
    if (from != null && fresh) {
      result.add(new Recompute(key, from, to));
    }
    return result;
  }
}
