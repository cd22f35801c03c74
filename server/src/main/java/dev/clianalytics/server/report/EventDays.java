package dev.clianalytics.server.report;

import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.nsm.NsmWeek;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daily event and error counts ({@code event_counts}, {@code error_counts}) kept in memory,
 * with each actor as a number. Read once per generation of the derived tables (inference warms the
 * dashboard, which reads them), they answer the summary's totals, failing commands and error types
 * and the north-star weeks for any filter without reading the counts again (docs/server.md,
 * "Uncached reports").
 *
 * <p>Kept only where handing rows over is cheap ({@link SqlReads#sumsBeforeReading()} false, as on
 * PostgreSQL) and for at most {@link #MAX_ROWS} rows of each table: beyond that the reports read
 * the counts from the database for each filter, as before. The results are those of the SQL in
 * {@link EventQueries} and {@link NsmQueries}, with ties ordered by code point (as a database with
 * the C collation orders them).
 */
final class EventDays {
  /** More rows than this in either table are not kept: the reports then read the database. */
  static final int MAX_ROWS = 1_000_000;

  private record Count(
      String day,
      String week,
      String tool,
      int actor,
      String command,
      String subcommand,
      boolean ci,
      long events,
      long successes,
      long failures) {}

  private record ErrorCount(String day, String tool, int actor, String errorType, long events) {}

  private final List<Count> counts;
  private final List<ErrorCount> errors;
  private final int actorCount;

  private EventDays(List<Count> counts, List<ErrorCount> errors, int actorCount) {
    this.counts = counts;
    this.errors = errors;
    this.actorCount = actorCount;
  }

  /** The stored counts, or null when either table has more than {@code maxRows} rows. */
  static EventDays read(SqlReads c, int maxRows) throws SQLException {
    List<Long> rows =
        Query.list(
            c,
            "SELECT (SELECT count(*) FROM event_counts), (SELECT count(*) FROM error_counts)",
            List.of(),
            rs -> Math.max(rs.getLong(1), rs.getLong(2)));
    if (rows.get(0) > maxRows) {
      return null;
    }
    Map<String, String> texts = new HashMap<>();
    Map<String, Integer> actors = new HashMap<>();
    List<Count> counts = new ArrayList<>();
    c.each(
        "SELECT day, week, tool, actor_id, command, subcommand, CASE WHEN ci THEN 1 ELSE 0 END,"
            + " events, successes, failures FROM event_counts",
        List.of(),
        rs ->
            counts.add(
                new Count(
                    shared(texts, rs.getString(1)),
                    shared(texts, rs.getString(2)),
                    shared(texts, rs.getString(3)),
                    actors.computeIfAbsent(rs.getString(4), a -> actors.size()),
                    shared(texts, rs.getString(5)),
                    shared(texts, rs.getString(6)),
                    rs.getInt(7) == 1,
                    rs.getLong(8),
                    rs.getLong(9),
                    rs.getLong(10))));
    List<ErrorCount> errors = new ArrayList<>();
    c.each(
        "SELECT day, tool, actor_id, error_type, events FROM error_counts",
        List.of(),
        rs ->
            errors.add(
                new ErrorCount(
                    shared(texts, rs.getString(1)),
                    shared(texts, rs.getString(2)),
                    actors.computeIfAbsent(rs.getString(3), a -> actors.size()),
                    shared(texts, rs.getString(4)),
                    rs.getLong(5))));
    return new EventDays(List.copyOf(counts), List.copyOf(errors), actors.size());
  }

  /** One copy of each repeated text (days, tools, commands), not one per row. */
  private static String shared(Map<String, String> texts, String text) {
    String known = texts.putIfAbsent(text, text);
    return known == null ? text : known;
  }

  /** Whether {@code day} and {@code tool} are in {@code filter} (null tool: any). */
  private static boolean in(ReportFilter filter, String from, String to, String day, String tool) {
    return (from == null || day.compareTo(from) >= 0)
        && (to == null || day.compareTo(to) <= 0)
        && (filter.tool() == null || filter.tool().equals(tool));
  }

  private static String from(ReportFilter filter) {
    return filter.from() == null ? null : filter.from().toString();
  }

  private static String to(ReportFilter filter) {
    return filter.to() == null ? null : filter.to().toString();
  }

  /** Events, events from CI and distinct actors in {@code filter}, as {@link EventQueries}. */
  long[] totals(ReportFilter filter) {
    String from = from(filter);
    String to = to(filter);
    long events = 0;
    long ci = 0;
    BitSet actors = new BitSet(actorCount);
    for (Count r : counts) {
      if (in(filter, from, to, r.day(), r.tool())) {
        events += r.events();
        ci += r.ci() ? r.events() : 0;
        actors.set(r.actor());
      }
    }
    return new long[] {events, ci, actors.cardinality()};
  }

  /** {@link EventQueries#failingCommands}. */
  List<FailingCommand> failingCommands(ReportFilter filter, int minActors, int limit) {
    String from = from(filter);
    String to = to(filter);
    // per command: each actor's failures and events
    Map<String, Map<Integer, long[]>> perActor = new HashMap<>();
    for (Count r : counts) {
      if (in(filter, from, to, r.day(), r.tool())) {
        long[] sums =
            perActor
                .computeIfAbsent(r.command(), k -> new HashMap<>())
                .computeIfAbsent(r.actor(), k -> new long[2]);
        sums[0] += r.failures();
        sums[1] += r.events();
      }
    }
    List<FailingCommand> out = new ArrayList<>();
    perActor.forEach(
        (command, actors) -> {
          long failures = 0;
          long failing = 0;
          long events = 0;
          for (long[] sums : actors.values()) {
            failures += sums[0];
            failing += sums[0] > 0 ? 1 : 0;
            events += sums[1];
          }
          if (failures > 0 && failing >= minActors) {
            out.add(
                new FailingCommand(
                    command, failures, failing, events, Query.rate(failures, events)));
          }
        });
    return out.stream()
        .sorted(
            Comparator.comparingLong(FailingCommand::failures)
                .reversed()
                .thenComparing(Comparator.comparingLong(FailingCommand::actors).reversed())
                .thenComparing(FailingCommand::command))
        .limit(limit)
        .toList();
  }

  /** {@link EventQueries#errorTypes}. */
  List<ErrorTypeCount> errorTypes(ReportFilter filter, int minActors, int limit) {
    String from = from(filter);
    String to = to(filter);
    Map<String, long[]> totals = new HashMap<>();
    Map<String, Set<Integer>> actors = new HashMap<>();
    for (ErrorCount r : errors) {
      if (in(filter, from, to, r.day(), r.tool())) {
        totals.computeIfAbsent(r.errorType(), k -> new long[1])[0] += r.events();
        actors.computeIfAbsent(r.errorType(), k -> new HashSet<>()).add(r.actor());
      }
    }
    List<ErrorTypeCount> out = new ArrayList<>();
    totals.forEach(
        (type, total) -> {
          long a = actors.get(type).size();
          if (a >= minActors) {
            out.add(new ErrorTypeCount(type, total[0], a));
          }
        });
    return out.stream()
        .sorted(
            Comparator.comparingLong(ErrorTypeCount::count)
                .reversed()
                .thenComparing(Comparator.comparingLong(ErrorTypeCount::actors).reversed())
                .thenComparing(ErrorTypeCount::errorType))
        .limit(limit)
        .toList();
  }

  /** {@link NsmQueries#weeks}: the tool filter does not apply, as there. */
  List<NsmWeek> nsmWeeks(NsmOptions options, ReportFilter filter, int weeks, int minActors) {
    String command = String.join(" ", options.elements());
    String prefix = command + " ";
    ReportFilter dates = new ReportFilter(filter.from(), filter.to(), null);
    String from = from(dates);
    String to = to(dates);
    Set<String> tools = new HashSet<>();
    tools.add(options.elements().get(0));
    List<Count> rows = new ArrayList<>();
    for (Count r : counts) {
      if ((options.includeCi() || !r.ci()) && in(dates, from, to, r.day(), r.tool())) {
        rows.add(r);
        if (NsmQueries.isRun(r.command(), r.subcommand(), command, prefix)) {
          tools.add(r.tool());
        }
      }
    }
    Map<String, BitSet> actors = new TreeMap<>();
    Map<String, long[]> successes = new HashMap<>();
    for (Count r : rows) {
      if (tools.contains(r.tool())) {
        actors.computeIfAbsent(r.week(), w -> new BitSet(actorCount)).set(r.actor());
        long[] s = successes.computeIfAbsent(r.week(), w -> new long[1]);
        if (NsmQueries.isRun(r.command(), r.subcommand(), command, prefix)) {
          s[0] += r.successes();
        }
      }
    }
    List<NsmWeek> all = new ArrayList<>();
    actors.forEach(
        (week, a) -> {
          long n = a.cardinality();
          if (n >= minActors) {
            long s = successes.get(week)[0];
            all.add(new NsmWeek(week, n, s, (double) s / n));
          }
        });
    return new ArrayList<>(all.subList(Math.max(0, all.size() - weeks), all.size()));
  }
}
