package dev.clianalytics.server.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.InferenceState;
import dev.clianalytics.server.storage.Storage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inference store contract, run against PostgreSQL and DuckDB: derived rows follow erasure and
 * retention, and an inference commits all or nothing.
 */
abstract class InferenceStoreContract {
  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  static final List<String> TABLES =
      List.of(
          "sessions",
          "workflow_runs",
          "session_recovery",
          "event_counts",
          "error_counts",
          "path_actors");

  private Storage storage;
  private InferenceService service;

  /** A fresh, migrated storage. */
  protected abstract Storage openStorage();

  @BeforeEach
  void open() {
    storage = openStorage();
    service =
        new InferenceService(
            new Database(storage),
            InferenceOptions.defaults(),
            Clock.fixed(T.plus(Duration.ofDays(1)), ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    // null when the set-up was skipped (PostgreSQL tests without TEST_DATABASE_URL)
    if (storage != null) {
      storage.close();
    }
  }

  static Event event(String actor, int minute, String command, int exit) {
    String[] path = command.split(" ");
    return new Event(
        T.plusSeconds(60L * minute),
        path[0],
        "1.0",
        List.of(path),
        List.of(),
        exit,
        10L,
        exit == 0 ? null : "Boom",
        null,
        actor,
        null,
        null,
        false,
        UUID.randomUUID());
  }

  private void twoActorsInferred() {
    storage.insertEvents(
        List.of(
            event("a", 0, "terraform plan", 0),
            event("a", 1, "terraform apply", 1),
            event("a", 2, "terraform apply", 0),
            event("b", 0, "terraform plan", 0),
            event("b", 1, "terraform apply", 1)),
        T);
    service.run(false);
  }

  private long rows(String table, String actor) {
    return storage
        .inference()
        .read(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement("SELECT count(*) FROM " + table + " WHERE actor_id = ?")) {
                s.setString(1, actor);
                try (ResultSet rs = s.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });
  }

  @Test
  void deleteActor_removesTheActorsDerivedRowsOnly() {
    twoActorsInferred();

    storage.deleteActor("a");

    for (String table : TABLES) {
      assertEquals(0, rows(table, "a"), table);
      assertTrue(rows(table, "b") > 0, table);
    }
  }

  @Test
  void deleteActor_leavesTheTablesAFullRecomputationWouldGive() {
    twoActorsInferred();

    storage.deleteActor("a");
    var afterErasure = DerivedSnapshot.of(storage);
    service.run(true);

    assertEquals(DerivedSnapshot.of(storage), afterErasure);
  }

  @Test
  void deleteEventsBefore_removesDerivedRowsOfSessionsThatEndedBefore() {
    twoActorsInferred();

    storage.deleteEventsBefore(T.plus(Duration.ofDays(1)));

    for (String table : TABLES) {
      assertEquals(0, rows(table, "a") + rows(table, "b"), table);
    }
  }

  @Test
  void inference_advancesTheMarkAndGeneration() {
    twoActorsInferred();

    InferenceState state = storage.inference().exclusively(tx -> tx.state());

    assertEquals(storage.lastSeq(), state.lastSeq());
    assertEquals(1, state.generation());
    assertEquals(event("a", 2, "x", 0).timestamp(), state.horizon());
  }

  @Test
  void exclusively_workThatThrows_leavesNothingBehind() {
    storage.insertEvents(List.of(event("a", 0, "terraform plan", 0)), T);

    assertThrows(
        IllegalStateException.class,
        () ->
            storage
                .inference()
                .exclusively(
                    tx -> {
                      tx.replaceAllDerived();
                      tx.forEachEvent(0, tx.lastSeq(), tx::count);
                      tx.finish(tx.lastSeq(), T, "x");
                      throw new IllegalStateException("boom");
                    }));

    assertEquals(0, rows("event_counts", "a"));
    assertEquals(0L, storage.inference().exclusively(tx -> tx.state()).lastSeq());
  }
}
