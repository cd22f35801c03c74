package dev.clianalytics.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.nsm.NsmWeek;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.SqlReads;
import dev.clianalytics.server.storage.Storage;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rows kept in memory per generation ({@link WorkflowDays}, {@link EventDays}, {@link
 * RecoveryDays}) answer exactly what the SQL over the stored rows answers, percentiles, distinct
 * actors, ranking and limits included, for every filter: real events through the real inference,
 * then both read in one snapshot. Run on PostgreSQL and DuckDB, the databases that keep them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeptRowsContract {
  private static final Instant BASE = Instant.parse("2026-03-01T08:00:00Z");
  private static final Instant NOW = BASE.plusSeconds(20 * 86_400);
  private static final List<String> COMMANDS =
      List.of(
          "terraform init",
          "terraform plan",
          "terraform apply",
          "terraform apply",
          "git push",
          "git push",
          "npm test",
          "ai-do run",
          "npm audit",
          "mytool sync",
          "Mytool sync");

  private Storage storage;

  /** A fresh, migrated storage. */
  protected abstract Storage openStorage();

  @BeforeAll
  void inferRandomRuns() {
    storage = openStorage();
    List<Event> events = events(new Random(20261206), 3_000);
    // the last events in an incremental run: the sessions it recomputes leave rows that subtract
    storage.insertEvents(events.subList(0, 2_000), NOW);
    inference().run(true);
    storage.insertEvents(events.subList(2_000, events.size()), NOW);
    inference().run(false);
  }

  private InferenceService inference() {
    return new InferenceService(
        new Database(storage), InferenceOptions.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  void closeStorage() {
    // null when the set-up was skipped (PostgreSQL tests without TEST_DATABASE_URL)
    if (storage != null) {
      storage.close();
    }
  }

  /**
   * Sessions of eight actors over weeks, with gaps of up to a day and more (days without events),
   * durations drawn from a few values (ties) or from a wide range, exits of all kinds and error
   * types.
   */
  private static List<Event> events(Random random, int n) {
    List<Event> events = new ArrayList<>();
    Instant at = BASE;
    for (int i = 0; i < n; i++) {
      at = at.plusSeconds(random.nextInt(10) == 0 ? 3_600 * random.nextInt(30) : 30);
      String[] command = COMMANDS.get(random.nextInt(COMMANDS.size())).split(" ");
      int exit = List.of(0, 0, 0, 1, 2, 130).get(random.nextInt(6));
      long duration =
          random.nextBoolean()
              ? List.of(100L, 250L, 250L, 4_000L).get(random.nextInt(4))
              : random.nextInt(600_000);
      events.add(
          new Event(
              at,
              command[0],
              random.nextBoolean() ? "1.0" : "1.1",
              List.of(command),
              List.of(),
              exit,
              duration,
              exit == 0 ? null : (random.nextBoolean() ? "E" : "e") + (exit + random.nextInt(2)),
              null,
              "actor-" + random.nextInt(8),
              null,
              null,
              random.nextInt(10) == 0,
              new UUID(random.nextLong(), random.nextLong())));
    }
    return events;
  }

  private static List<ReportFilter> filters() {
    List<ReportFilter> filters = new ArrayList<>();
    LocalDate first = LocalDate.parse("2026-03-01");
    for (String tool : new String[] {null, "terraform", "git", "mytool", "Mytool", "nosuchtool"}) {
      filters.add(new ReportFilter(null, null, tool));
      filters.add(new ReportFilter(first.plusDays(3), null, tool));
      filters.add(new ReportFilter(null, first.plusDays(5), tool));
      filters.add(new ReportFilter(first.plusDays(2), first.plusDays(2), tool));
      filters.add(new ReportFilter(first.plusDays(4), first.plusDays(9), tool));
    }
    // bounds on days with and without events
    for (int day = 11; day < 60; day += 4) {
      filters.add(new ReportFilter(first.plusDays(day - 8), first.plusDays(day), null));
    }
    return filters;
  }

  private <T> T read(Work<T> work) {
    return storage.inference().read(work::run);
  }

  private interface Work<T> {
    T run(SqlReads c) throws SQLException;
  }

  @Test
  void wholeWorkflows_equalTheGroupsOfTheStoredRuns() {
    read(
        c -> {
          WorkflowDays days = WorkflowDays.read(c, WorkflowDays.MAX_RUNS);
          assertNotNull(days);
          Set<String> autos = WorkflowQueries.qualifyingAuto(c, 5);
          Set<String> workflows = new HashSet<>();
          for (ReportFilter filter : filters()) {
            for (Set<String> shown : List.of(autos, Set.<String>of())) {
              List<WorkflowQueries.Group> expected =
                  sorted(
                      WorkflowQueries.groups(
                          c, filter, null, "workflow", shown, Outcomes.Detail.FULL, 1, null));
              assertEquals(expected, sorted(days.groups(filter, null, shown)), filter.toString());
              expected.forEach(g -> workflows.add(g.workflow()));
            }
          }
          assertTrue(workflows.size() >= 5, workflows.toString());
          assertTrue(workflows.containsAll(autos), autos + " " + workflows);
          for (String workflow : workflows) {
            for (ReportFilter filter : filters()) {
              assertEquals(
                  WorkflowQueries.groups(
                      c, filter, workflow, "workflow", autos, Outcomes.Detail.FULL, 1, null),
                  days.groups(filter, workflow, autos),
                  workflow + " " + filter);
            }
          }
          return null;
        });
  }

  @Test
  void attemptsAndErrorLists_equalThoseOfTheStoredRuns() {
    read(
        c -> {
          WorkflowDays days = WorkflowDays.read(c, WorkflowDays.MAX_RUNS);
          long retried = 0;
          int lists = 0;
          for (String workflow : List.of("apply_workflow", "git_push", "npm_audit", "none")) {
            for (ReportFilter filter : filters()) {
              String where = workflow + " " + filter;
              WorkflowReport.Attempts expected = WorkflowReports.attempts(c, workflow, filter);
              WorkflowReport.Attempts actual = days.attempts(filter, workflow);
              assertMean(expected.goalAttemptsMean(), actual.goalAttemptsMean(), where);
              assertMean(
                  expected.failuresBeforeSuccessMean(), actual.failuresBeforeSuccessMean(), where);
              assertEquals(expected.runsWithRetries(), actual.runsWithRetries(), where);
              assertEquals(
                  WorkflowReports.errorLists(c, workflow, filter),
                  days.errorLists(filter, workflow),
                  where);
              retried += actual.runsWithRetries();
              lists += days.errorLists(filter, workflow).size();
            }
          }
          assertTrue(retried > 0 && lists > 0, retried + " " + lists);
          return null;
        });
  }

  @Test
  void eventTotalsFailingCommandsAndErrorTypes_equalThoseOfTheStoredCounts() {
    read(
        c -> {
          EventDays days = EventDays.read(c, EventDays.MAX_ROWS);
          assertNotNull(days);
          int failing = 0;
          int errors = 0;
          for (ReportFilter filter : filters()) {
            assertEquals(
                EventQueries.totals(c, filter, null),
                EventQueries.totals(c, filter, days),
                filter.toString());
            for (int minActors : new int[] {1, 3, 7}) {
              for (int limit : new int[] {2, 10}) {
                String where = filter + " " + minActors + " " + limit;
                List<FailingCommand> commands =
                    EventQueries.failingCommands(c, filter, minActors, limit);
                assertEquals(commands, days.failingCommands(filter, minActors, limit), where);
                List<ErrorTypeCount> types = EventQueries.errorTypes(c, filter, minActors, limit);
                assertEquals(types, days.errorTypes(filter, minActors, limit), where);
                failing += commands.size();
                errors += types.size();
              }
            }
          }
          assertTrue(failing > 20 && errors > 20, failing + " " + errors);
          return null;
        });
  }

  @Test
  void northStarWeeks_equalThoseOfTheStoredCounts() {
    read(
        c -> {
          EventDays days = EventDays.read(c, EventDays.MAX_ROWS);
          int weeksSeen = 0;
          for (String command : List.of("terraform", "terraform apply", "git push", "ai-do")) {
            for (boolean ci : new boolean[] {false, true}) {
              NsmOptions options = new NsmOptions(command, ci);
              for (ReportFilter filter : filters()) {
                for (int minActors : new int[] {1, 6}) {
                  for (int weeks : new int[] {1, 12}) {
                    List<NsmWeek> expected = NsmQueries.weeks(c, options, filter, weeks, minActors);
                    assertEquals(
                        expected,
                        days.nsmWeeks(options, filter, weeks, minActors),
                        options + " " + filter + " " + minActors + " " + weeks);
                    weeksSeen += expected.size();
                  }
                }
              }
            }
          }
          assertTrue(weeksSeen > 100, String.valueOf(weeksSeen));
          return null;
        });
  }

  @Test
  void recovery_equalsThatOfTheStoredRows() {
    read(
        c -> {
          RecoveryDays days = RecoveryDays.read(c, RecoveryDays.MAX_ROWS);
          assertNotNull(days);
          int rows = 0;
          for (ReportFilter filter : filters()) {
            for (int minActors : new int[] {1, 4}) {
              for (String step : List.of("", "terraform", "git push")) {
                Predicate<String> keep = command -> command.startsWith(step);
                List<RecoveryRow> expected = PathQueries.recovery(c, filter, minActors, keep);
                assertEquals(
                    expected,
                    days.rows(filter, minActors, keep),
                    filter + " " + minActors + " " + step);
                rows += expected.size();
              }
            }
          }
          assertTrue(rows > 50, String.valueOf(rows));
          return null;
        });
  }

  @Test
  void hotPaths_equalThoseOfTheStoredRows() {
    read(
        c -> {
          PathDays days = PathDays.read(c, PathDays.MAX_ROWS);
          assertNotNull(days);
          // keys of more than one row (the rows of the incremental run add to the first run's)
          long summed =
              Query.list(
                      c,
                      "SELECT count(*) FROM (SELECT day, tool, sequence FROM path_totals"
                          + " GROUP BY day, tool, sequence HAVING count(*) > 1) k",
                      List.of(),
                      rs -> rs.getLong(1))
                  .get(0);
          assertTrue(summed > 0, String.valueOf(summed));
          int paths = 0;
          for (ReportFilter filter : filters()) {
            for (int minActors : new int[] {1, 3, 8}) {
              for (int limit : new int[] {1, 3, 10, 1000}) {
                List<HotPath> expected = PathQueries.hotPaths(c, filter, minActors, limit);
                assertEquals(
                    expected,
                    days.hotPaths(filter, minActors, limit),
                    filter + " " + minActors + " " + limit);
                paths += expected.size();
              }
            }
          }
          assertTrue(paths > 500, String.valueOf(paths));
          return null;
        });
  }

  @Test
  void moreRowsThanTheLimit_areNotKept() {
    long counts =
        read(
            c ->
                Query.list(
                        c,
                        "SELECT greatest((SELECT count(*) FROM event_counts),"
                            + " (SELECT count(*) FROM error_counts))",
                        List.of(),
                        rs -> rs.getLong(1))
                    .get(0));
    assertNull(read(c -> EventDays.read(c, (int) counts - 1)));
    assertNotNull(read(c -> EventDays.read(c, (int) counts)));
    long recoveries =
        read(
            c ->
                Query.list(
                        c, "SELECT count(*) FROM session_recovery", List.of(), rs -> rs.getLong(1))
                    .get(0));
    assertNull(read(c -> RecoveryDays.read(c, (int) recoveries - 1)));
    assertNotNull(read(c -> RecoveryDays.read(c, (int) recoveries)));
    long pathRows =
        read(
            c ->
                Query.list(
                        c,
                        "SELECT greatest((SELECT count(*) FROM path_totals),"
                            + " (SELECT count(*) FROM path_actors))",
                        List.of(),
                        rs -> rs.getLong(1))
                    .get(0));
    assertNull(read(c -> PathDays.read(c, (int) pathRows - 1)));
    assertNotNull(read(c -> PathDays.read(c, (int) pathRows)));
  }

  @Test
  void moreRunsThanTheLimit_areNotKept() {
    long runs =
        read(
            c ->
                Query.list(c, "SELECT count(*) FROM workflow_runs", List.of(), rs -> rs.getLong(1))
                    .get(0));
    assertNull(read(c -> WorkflowDays.read(c, (int) runs - 1)));
    assertNotNull(read(c -> WorkflowDays.read(c, (int) runs)));
  }

  @Test
  void reportsAnsweredFromKeptRows_equalReportsReadFromTheDatabase() throws Exception {
    ReportSettings settings =
        new ReportSettings(InferenceOptions.defaults().catalog(), 1, 5, "terraform apply");
    KeptRows kept = new KeptRows(storage::inference, System::nanoTime, () -> false);
    kept.asked();
    awaitRead(kept);
    Reports fromMemory = new Reports(settings, kept);
    Reports fromDatabase = new Reports(settings);
    WorkflowReports pagesFromMemory = new WorkflowReports(settings, fromMemory);
    WorkflowReports pagesFromDatabase = new WorkflowReports(settings, fromDatabase);
    NsmOptions nsm = new NsmOptions("terraform apply", false);
    read(
        c -> {
          assertNotNull(kept.get(c));
          assertNull(fromDatabase.workflowDays(c));
          fromMemory.autos(c); // read once per generation, whatever keeps rows
          Recording memory = new Recording(c);
          int pages = 0;
          for (ReportFilter filter : filters()) {
            String where = filter.toString();
            assertEquals(
                fromDatabase.summary(c, filter).toJson(),
                fromMemory.summary(memory, filter).toJson(),
                where);
            assertEquals(
                fromDatabase.recovery(c, filter).toJson(),
                fromMemory.recovery(memory, filter).toJson(),
                where);
            assertEquals(
                fromDatabase.nsm(c, nsm, filter, 12).toJson(),
                fromMemory.nsm(memory, nsm, filter, 12).toJson(),
                where);
            // what the kept rows hold is not read again
            for (String sql : memory.statements) {
              for (String table :
                  List.of(
                      "workflow_runs",
                      "event_counts",
                      "error_counts",
                      "session_recovery",
                      "path_totals",
                      "path_actors")) {
                assertFalse(sql.contains(table), sql);
              }
            }
            for (String workflow : List.of("apply_workflow", "git_push")) {
              WorkflowReport expected = pagesFromDatabase.build(c, workflow, filter);
              WorkflowReport actual = pagesFromMemory.build(c, workflow, filter);
              assertMean(
                  expected.attempts().goalAttemptsMean(),
                  actual.attempts().goalAttemptsMean(),
                  where);
              assertMean(
                  expected.attempts().failuresBeforeSuccessMean(),
                  actual.attempts().failuresBeforeSuccessMean(),
                  where);
              assertEquals(withoutMeans(expected), withoutMeans(actual), workflow + " " + where);
              pages += expected.outcomes().runs() > 0 ? 1 : 0;
            }
          }
          assertTrue(pages > 20, String.valueOf(pages));
          return null;
        });
  }

  @Test
  void rowsAreRead_onlyOnceAReportIsAsked_andAgainForTheNextGeneration() throws Exception {
    long[] now = {0};
    KeptRows kept = new KeptRows(storage::inference, () -> now[0], () -> false);
    long generation = read(ReportCache::generation);
    assertNull(read(kept::get));
    kept.changed(); // an inference's warm-up, before any report was asked
    assertFalse(kept.reading());
    assertNull(read(kept::get));

    kept.asked();
    assertEquals(generation, awaitRead(kept).generation());

    bumpGeneration();
    assertNull(read(kept::get)); // the old rows never answer for the new generation
    kept.changed(); // asked within the last minutes: read now
    assertEquals(generation + 1, awaitRead(kept).generation());

    bumpGeneration();
    now[0] += KeptRows.IN_USE_NANOS;
    kept.changed(); // nobody asked for a while: wait for a request
    assertFalse(kept.reading());
    assertNull(read(kept::get));
    kept.asked();
    assertEquals(generation + 2, awaitRead(kept).generation());

    kept.stop(10_000);
    bumpGeneration();
    kept.asked();
    assertFalse(kept.reading());
    assertNull(read(kept::get));
  }

  @Test
  void aRequestWhileAnInferenceRuns_leavesTheReadToItsEnd() throws Exception {
    boolean[] inferring = {false};
    KeptRows kept = new KeptRows(storage::inference, System::nanoTime, () -> inferring[0]);
    kept.asked();
    long generation = awaitRead(kept).generation();

    inferring[0] = true;
    bumpGeneration(); // a slice of a longer inference committed
    assertNull(read(kept::get));
    kept.asked();
    assertFalse(kept.reading(), "read between two slices");
    kept.changed(); // the inference's end, after its warm-up
    assertEquals(generation + 1, awaitRead(kept).generation());

    bumpGeneration(); // an inference that failed after its first slice: no warm-up, no change
    assertNull(read(kept::get));
    kept.asked();
    assertFalse(kept.reading());
    inferring[0] = false;
    kept.asked(); // the first request after it
    assertEquals(generation + 2, awaitRead(kept).generation());
    kept.stop(10_000);
  }

  /** One more event, inferred incrementally: a new generation. */
  private void bumpGeneration() {
    storage.insertEvents(
        List.of(
            new Event(
                NOW.minusSeconds(3_600),
                "git",
                "1.1",
                List.of("git", "status"),
                List.of(),
                0,
                120L,
                null,
                null,
                "actor-0",
                null,
                null,
                false,
                UUID.randomUUID())),
        NOW);
    inference().run(false);
  }

  /** The rows {@code kept} holds once its reader, started already, has read them. */
  private KeptRows.Sets awaitRead(KeptRows kept) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (kept.reading() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertFalse(kept.reading(), "still reading after 60 s");
    KeptRows.Sets sets = read(kept::get);
    assertNotNull(sets);
    return sets;
  }

  /** Reads through {@code c}, keeping the text of each statement. */
  private static final class Recording implements SqlReads {
    private final SqlReads c;
    final List<String> statements = new ArrayList<>();

    Recording(SqlReads c) {
      this.c = c;
    }

    @Override
    public <T> List<T> list(String sql, List<?> params, Mapper<T> mapper) throws SQLException {
      statements.add(sql);
      return c.list(sql, params, mapper);
    }

    @Override
    public boolean keepsRows() {
      return c.keepsRows();
    }

    @Override
    public boolean sumsBeforeReading() {
      return c.sumsBeforeReading();
    }
  }

  private static Map<String, Object> withoutMeans(WorkflowReport page) {
    Map<String, Object> json = new LinkedHashMap<>(page.toJson());
    json.remove("attempts");
    json.put("runs_with_retries", page.attempts().runsWithRetries());
    return json;
  }

  /**
   * The database's mean is a decimal of at least 16 digits read as a double, the kept one the exact
   * quotient rounded once: equal to within the last bit.
   */
  private static void assertMean(Double expected, Double actual, String where) {
    if (expected == null) {
      assertNull(actual, where);
    } else {
      assertEquals(expected, actual, Math.ulp(expected), where);
    }
  }

  private static List<WorkflowQueries.Group> sorted(List<WorkflowQueries.Group> groups) {
    return groups.stream().sorted(Comparator.comparing(WorkflowQueries.Group::workflow)).toList();
  }
}
