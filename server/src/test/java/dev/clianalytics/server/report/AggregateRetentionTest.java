package dev.clianalytics.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.ops.Retention;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weekly trends outlive raw-event retention (RETENTION_DAYS) in identifier-free aggregates, which
 * go at AGGREGATE_RETENTION_DAYS; erasure still removes an actor's live rows.
 */
class AggregateRetentionTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final ReportSettings SETTINGS =
      new ReportSettings(InferenceOptions.defaults().catalog(), 1, 5, NsmOptions.DEFAULT_COMMAND);

  private static String actor(String name) {
    return String.format("%64s", name).replace(' ', '0');
  }

  /** {@code git add}, {@code git commit}, {@code git push} by {@code actor}, {@code ago} before. */
  private static List<Event> pushes(String actor, Duration ago, int pushExit) {
    Instant at = NOW.minus(ago);
    return List.of(
        event(actor, at, "add", 0),
        event(actor, at.plusSeconds(10), "commit", 0),
        event(actor, at.plusSeconds(20), "push", pushExit));
  }

  private static Event event(String actor, Instant at, String command, int exit) {
    return new Event(
        at,
        "git",
        "2.44.0",
        List.of("git", command),
        List.of(),
        exit,
        100L,
        exit == 0 ? null : "PushRejected",
        null,
        actor(actor),
        null,
        null,
        false,
        UUID.randomUUID());
  }

  /** week to (runs, success rate) of the git_push trend; empty when the workflow is not shown. */
  private static Map<String, String> gitPush(Storage storage) {
    TrendsReport trends =
        storage.inference().read(c -> new Reports(SETTINGS).trends(c, ReportFilter.NONE));
    Map<String, String> points = new TreeMap<>();
    trends.workflows().stream()
        .filter(t -> t.name().equals("git_push"))
        .flatMap(t -> t.points().stream())
        .forEach(p -> points.put(p.week(), p.runs() + "@" + p.successRate()));
    return points;
  }

  private static long rows(Storage storage, String sql) {
    return storage
        .inference()
        .read(c -> c.list(sql, java.util.List.of(), rs -> rs.getLong(1)).getFirst());
  }

  private static void trendsOutliveRawRetention(Storage storage) {
    storage.migrate();
    storage.insertEvents(pushes("a", Duration.ofDays(70), 0), NOW);
    storage.insertEvents(pushes("b", Duration.ofDays(40), 0), NOW);
    storage.insertEvents(pushes("c", Duration.ofDays(40).plusHours(2), 1), NOW);
    storage.insertEvents(pushes("d", Duration.ofHours(3), 0), NOW);
    Database database = new Database(storage);
    InferenceService inference = new InferenceService(database, InferenceOptions.defaults(), CLOCK);
    inference.run(false);
    Map<String, String> before = gitPush(storage);
    assertEquals(3, before.size(), before.toString());

    // raw retention at 30 days, aggregates kept forever: the same trend from fewer raw rows
    try (Retention retention = new Retention(database, 30, 0, CLOCK)) {
      assertEquals(9, retention.runOnce());
    }
    assertEquals(3, storage.countEvents());
    assertEquals(1, rows(storage, "SELECT count(*) FROM workflow_runs"));
    assertEquals(before, gitPush(storage));
    // a full recomputation rebuilds the runs from the raw events left; the aggregates stay
    inference.run(true);
    assertEquals(before, gitPush(storage));
    // retention again: nothing new expires, nothing is counted twice
    try (Retention retention = new Retention(database, 30, 0, CLOCK)) {
      assertEquals(0, retention.runOnce());
    }
    assertEquals(before, gitPush(storage));

    // erasure still removes the live actor entirely; the aggregates name nobody
    assertEquals(3, storage.deleteActor(actor("d")));
    Map<String, String> erased = gitPush(storage);
    assertEquals(2, erased.size(), erased.toString());
    assertFalse(erased.containsKey(lastOf(before)));
    assertEquals(
        0,
        rows(storage, "SELECT count(*) FROM sessions")
            + rows(storage, "SELECT count(*) FROM events"));

    // AGGREGATE_RETENTION_DAYS 50: the week 70 days ago goes, the one 40 days ago stays
    try (Retention retention = new Retention(database, 30, 50, CLOCK)) {
      retention.runOnce();
    }
    Map<String, String> after = gitPush(storage);
    assertEquals(1, after.size(), after.toString());
    String week40 = before.keySet().stream().toList().get(1);
    assertEquals(before.get(week40), after.get(week40));
    assertTrue(before.get(week40).startsWith("2@"), before.toString());
  }

  private static String lastOf(Map<String, String> points) {
    return points.keySet().stream().reduce((x, y) -> y).orElseThrow();
  }

  @Test
  void onTheEmbeddedDatabase(@TempDir Path dir) {
    try (Storage storage = Storages.open(null, dir)) {
      trendsOutliveRawRetention(storage);
    }
  }

  @Test
  void onPostgres(@TempDir Path dir) {
    try (TestPostgres pg = TestPostgres.create(AggregateRetentionTest.class);
        Storage storage = Storages.open(pg.databaseUrl(), dir)) {
      trendsOutliveRawRetention(storage);
    }
  }

  @Test
  void onClickHouse(@TempDir Path dir) {
    try (TestClickHouse ch = TestClickHouse.create(AggregateRetentionTest.class);
        Storage storage = Storages.open(ch.databaseUrl(), dir)) {
      trendsOutliveRawRetention(storage);
    }
  }
}
