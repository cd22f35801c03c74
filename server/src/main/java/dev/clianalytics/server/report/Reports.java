package dev.clianalytics.server.report;

import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.nsm.NsmWeek;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Builds the report documents of docs/reports.md from the derived tables only. */
final class Reports {
  private final ReportSettings settings;
  private final PerGeneration<Set<String>> autos = new PerGeneration<>();
  private final PerGeneration<RunDays> runDays = new PerGeneration<>();
  private final KeptRows kept;

  /** Reports that read the database for every filter. */
  Reports(ReportSettings settings) {
    this(settings, null);
  }

  /** Reports that answer from {@code kept} where it holds the current generation's rows. */
  Reports(ReportSettings settings, KeptRows kept) {
    this.settings = settings;
    this.kept = kept;
  }

  SummaryReport summary(SqlReads c, ReportFilter filter) throws SQLException {
    int min = settings.minActors();
    NsmOptions nsm = new NsmOptions(settings.nsmCommand(), false);
    List<NsmWeek> weeks = nsmWeeks(c, nsm, filter, 1);
    EventDays events = eventDays(c);
    return new SummaryReport(
        filter,
        EventQueries.totals(c, filter, events),
        workflows(c, filter).stream().map(WorkflowRow::of).toList(),
        events != null
            ? events.failingCommands(filter, min, 10)
            : EventQueries.failingCommands(c, filter, min, 10),
        events != null
            ? events.errorTypes(filter, min, 10)
            : EventQueries.errorTypes(c, filter, min, 10),
        paths(c, filter, 10),
        nsm.command(),
        weeks.isEmpty() ? null : weeks.get(0));
  }

  /** Workflow groups that count, most runs first. */
  private List<WorkflowQueries.Group> workflows(SqlReads c, ReportFilter filter)
      throws SQLException {
    return workflows(c, filter, autos(c));
  }

  private List<WorkflowQueries.Group> workflows(SqlReads c, ReportFilter filter, Set<String> autos)
      throws SQLException {
    return wholeWorkflows(c, filter, null, autos).stream()
        .filter(g -> g.outcomes().actors() >= settings.minActors())
        .sorted(
            Comparator.comparingLong((WorkflowQueries.Group g) -> g.outcomes().runs())
                .reversed()
                .thenComparing(WorkflowQueries.Group::workflow))
        .toList();
  }

  /**
   * Whole workflows at {@link Outcomes.Detail#FULL}, as {@link WorkflowQueries#groups} gives them:
   * from {@link WorkflowDays} where they are kept, otherwise from the runs in the database.
   */
  List<WorkflowQueries.Group> wholeWorkflows(
      SqlReads c, ReportFilter filter, String workflow, Set<String> autos) throws SQLException {
    WorkflowDays days = workflowDays(c);
    return days != null
        ? days.groups(filter, workflow, autos)
        : WorkflowQueries.groups(
            c,
            filter,
            workflow,
            "workflow",
            autos,
            Outcomes.Detail.FULL,
            settings.minActors(),
            null);
  }

  /** The hot paths, from {@link PathDays} where they are kept, else from the database. */
  List<HotPath> paths(SqlReads c, ReportFilter filter, int limit) throws SQLException {
    KeptRows.Sets sets = kept(c);
    return sets != null && sets.paths() != null
        ? sets.paths().hotPaths(filter, settings.minActors(), limit)
        : PathQueries.hotPaths(c, filter, settings.minActors(), limit);
  }

  HotPathsReport hotPaths(SqlReads c, ReportFilter filter, int limit) throws SQLException {
    return new HotPathsReport(paths(c, filter, limit));
  }

  RecoveryReport recovery(SqlReads c, ReportFilter filter) throws SQLException {
    return new RecoveryReport(recoveryRows(c, filter, command -> true));
  }

  /**
   * Recovery rows of the failing commands {@code keep} accepts: from {@link RecoveryDays} where
   * they are kept, otherwise from the database.
   */
  List<RecoveryRow> recoveryRows(SqlReads c, ReportFilter filter, Predicate<String> keep)
      throws SQLException {
    RecoveryDays days = recoveryDays(c);
    return days != null
        ? days.rows(filter, settings.minActors(), keep)
        : PathQueries.recovery(c, filter, settings.minActors(), keep);
  }

  NsmReport nsm(SqlReads c, NsmOptions options, ReportFilter filter, int weeks)
      throws SQLException {
    return new NsmReport(options, filter, nsmWeeks(c, options, filter, weeks));
  }

  /** The north-star weeks, from {@link EventDays} where they are kept, else from the database. */
  private List<NsmWeek> nsmWeeks(SqlReads c, NsmOptions options, ReportFilter filter, int weeks)
      throws SQLException {
    EventDays events = eventDays(c);
    return events != null
        ? events.nsmWeeks(options, filter, weeks, settings.minActors())
        : NsmQueries.weeks(c, options, filter, weeks, settings.minActors());
  }

  VersionsReport versions(SqlReads c, ReportFilter filter) throws SQLException {
    return VersionComparison.build(c, filter, autos(c), settings.minActors(), runDays(c));
  }

  /**
   * Weekly success rate per workflow, for the dashboard's trend chart: from the workflow runs, and
   * before them from the aggregates kept after raw-event retention (see {@link WorkflowWeeks}).
   */
  TrendsReport trends(SqlReads c, ReportFilter filter) throws SQLException {
    Set<String> runAutos = autos(c);
    Set<String> shown = new TreeSet<>();
    if (settings.minActors() > 1) {
      // With MIN_ACTORS at most 1 this adds nothing: every workflow it shows also has a week
      // among the groups below with at least one actor, which the loop below shows anyway.
      workflows(c, filter, runAutos).forEach(w -> shown.add(w.workflow()));
    }
    Set<String> autos = new HashSet<>(runAutos);
    autos.addAll(WorkflowWeeks.qualifyingAuto(c, settings.autoWorkflowMinRuns()));
    List<WorkflowQueries.Group> groups = new ArrayList<>();
    groups.addAll(
        WorkflowQueries.groups(
            c,
            filter,
            null,
            "week",
            autos,
            Outcomes.Detail.GATE,
            settings.minActors(),
            runDays(c)));
    groups.addAll(WorkflowWeeks.byWeek(c, filter, autos));
    // a workflow with only aggregates left is shown when one of its weeks had enough actors
    groups.stream()
        .filter(g -> g.outcomes().actors() >= settings.minActors())
        .forEach(g -> shown.add(g.workflow()));
    TreeSet<String> weeks = new TreeSet<>();
    Map<String, String> tools = new LinkedHashMap<>();
    Map<String, Map<String, Outcomes>> byWeek = new TreeMap<>();
    for (WorkflowQueries.Group g : groups) {
      if (!shown.contains(g.workflow())) {
        continue;
      }
      weeks.add(g.key());
      tools.putIfAbsent(g.workflow(), g.tool());
      byWeek
          .computeIfAbsent(g.workflow(), name -> new TreeMap<>())
          .merge(g.key(), g.outcomes(), Outcomes::plus);
    }
    List<TrendsReport.Trend> trends = new ArrayList<>();
    byWeek.forEach(
        (name, points) ->
            trends.add(
                new TrendsReport.Trend(
                    name,
                    tools.get(name),
                    points.entrySet().stream()
                        .map(
                            e ->
                                new TrendsReport.Point(
                                    e.getKey(), e.getValue().runs(), e.getValue().successRate()))
                        .toList())));
    return new TrendsReport(filter, new ArrayList<>(weeks), trends);
  }

  /**
   * The auto workflows that qualify. They depend on every run, not on a report's filter, so they
   * are read once per generation of the derived tables rather than once per report.
   */
  Set<String> autos(SqlReads c) throws SQLException {
    return autos.get(
        c, () -> Set.copyOf(WorkflowQueries.qualifyingAuto(c, settings.autoWorkflowMinRuns())));
  }

  /**
   * The current generation's run counts per day ({@link RunDays}), or null where they cannot serve:
   * {@code MIN_ACTORS} above 1 needs the actors they do not hold, or there are too many.
   */
  RunDays runDays(SqlReads c) throws SQLException {
    if (settings.minActors() > 1) {
      return null;
    }
    return runDays.get(c, () -> RunDays.read(c, RunDays.MAX_ROWS));
  }

  /** The runs per workflow and day {@link #kept}, or null. */
  WorkflowDays workflowDays(SqlReads c) throws SQLException {
    KeptRows.Sets sets = kept(c);
    return sets == null ? null : sets.workflows();
  }

  /** The daily event and error counts {@link #kept}, or null. */
  EventDays eventDays(SqlReads c) throws SQLException {
    KeptRows.Sets sets = kept(c);
    return sets == null ? null : sets.events();
  }

  /** The recovery rows per day {@link #kept}, or null. */
  RecoveryDays recoveryDays(SqlReads c) throws SQLException {
    KeptRows.Sets sets = kept(c);
    return sets == null ? null : sets.recovery();
  }

  /**
   * The current generation's rows kept in memory ({@link KeptRows}), or null while they are read,
   * where they are not kept, and for reports made without them.
   */
  private KeptRows.Sets kept(SqlReads c) throws SQLException {
    return kept == null ? null : kept.get(c);
  }

  /** A value that depends on every derived row, read again when the generation changes. */
  private static final class PerGeneration<T> {
    private final AtomicReference<Known<T>> known = new AtomicReference<>();

    private record Known<T>(long generation, T value) {}

    @FunctionalInterface
    interface Read<T> {
      T read() throws SQLException;
    }

    T get(SqlReads c, Read<T> read) throws SQLException {
      long generation = ReportCache.generation(c);
      Known<T> k = known.get();
      if (k != null && k.generation() == generation) {
        return k.value();
      }
      T value = read.read();
      known.set(new Known<>(generation, value));
      return value;
    }
  }
}
