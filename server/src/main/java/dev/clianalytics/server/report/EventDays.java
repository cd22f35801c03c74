package dev.clianalytics.server.report;

import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.nsm.NsmWeek;
import dev.clianalytics.server.report.Columns.Days;
import dev.clianalytics.server.report.Columns.Ints;
import dev.clianalytics.server.report.Columns.Longs;
import dev.clianalytics.server.report.Columns.Texts;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daily event and error counts ({@code event_counts}, {@code error_counts}) kept in memory,
 * with each actor as a number, and the number of sessions per start day and list of tools. Read
 * once per generation of the derived tables (by {@link KeptRows}), they answer the summary's
 * totals, failing commands and error types and the north-star weeks for any filter without reading
 * the counts again (docs/server.md, "Uncached reports"). Rows are held as columns of numbers (texts
 * by their number in a dictionary, days by their rank), sorted so that each command and actor, or
 * error type and actor, is one run of rows: a filter is one pass with no hashing.
 *
 * <p>Kept only where {@link SqlReads#keepsRows()} and for at most {@link #MAX_ROWS} rows of each
 * table: beyond that the reports read the counts from the database for each filter, as before. The
 * results are those of the SQL in {@link EventQueries} and {@link NsmQueries}, with ties ordered by
 * code point (as a database with the C collation orders them).
 */
final class EventDays {
  /** More rows than this in either table are not kept: the reports then read the database. */
  static final int MAX_ROWS = 200_000;

  /** {@code event_counts}, sorted by command, then actor. */
  private final int[] day;

  private final int[] week;
  private final int[] tool;
  private final int[] actor;
  private final int[] command;
  private final int[] subcommand;
  private final boolean[] ci;
  private final long[] events;
  private final long[] successes;
  private final long[] failures;

  /** {@code error_counts}, sorted by error type, then actor. */
  private final int[] errorDay;

  private final int[] errorTool;
  private final int[] errorActor;
  private final int[] errorType;
  private final long[] errorEvents;

  /** Sessions per start day and tools: their days, tools (" a b ") and counts. */
  private final int[] sessionDay;

  private final String[] sessionTools;
  private final long[] sessionCounts;

  private final Days days;
  private final Texts texts;
  private final int actorCount;

  private EventDays(Reader r) {
    days = new Days(r.days);
    texts = r.texts;
    actorCount = r.actors.values.size();
    int[] rank = days.rankOf;
    int n = r.counts;
    day = r.day.done(n, rank);
    week = r.week.done(n, null);
    tool = r.tool.done(n, null);
    actor = r.actor.done(n, null);
    command = r.command.done(n, null);
    subcommand = r.subcommand.done(n, null);
    int[] fromCi = r.ci.done(n, null);
    ci = new boolean[n];
    for (int i = 0; i < n; i++) {
      ci[i] = fromCi[i] == 1;
    }
    events = r.events.done(n);
    successes = r.successes.done(n);
    failures = r.failures.done(n);
    int e = r.errors;
    errorDay = r.errorDay.done(e, rank);
    errorTool = r.errorTool.done(e, null);
    errorActor = r.errorActor.done(e, null);
    errorType = r.errorType.done(e, null);
    errorEvents = r.errorEvents.done(e);
    int s = r.sessions;
    sessionDay = r.sessionDay.done(s, rank);
    int[] tools = r.sessionTools.done(s, null);
    sessionTools = new String[s];
    for (int i = 0; i < s; i++) {
      sessionTools[i] = r.texts.values.get(tools[i]);
    }
    sessionCounts = r.sessionCounts.done(s);
  }

  /** The rows as read, as columns of numbers (texts by their number, days by theirs). */
  private static final class Reader {
    final Texts days = new Texts();
    final Texts texts = new Texts();
    final Texts actors = new Texts();
    int counts;
    final Ints day = new Ints();
    final Ints week = new Ints();
    final Ints tool = new Ints();
    final Ints actor = new Ints();
    final Ints command = new Ints();
    final Ints subcommand = new Ints();
    final Ints ci = new Ints();
    final Longs events = new Longs();
    final Longs successes = new Longs();
    final Longs failures = new Longs();
    int errors;
    final Ints errorDay = new Ints();
    final Ints errorTool = new Ints();
    final Ints errorActor = new Ints();
    final Ints errorType = new Ints();
    final Longs errorEvents = new Longs();
    int sessions;
    final Ints sessionDay = new Ints();
    final Ints sessionTools = new Ints();
    final Longs sessionCounts = new Longs();
  }

  /** The stored counts, or null when either table has more than {@code maxRows} rows. */
  static EventDays read(SqlReads c, int maxRows) throws SQLException {
    if (Query.moreRows(c, "event_counts", maxRows) || Query.moreRows(c, "error_counts", maxRows)) {
      return null;
    }
    Reader r = new Reader();
    c.each(
        "SELECT day, week, tool, actor_id, command, subcommand, CASE WHEN ci THEN 1 ELSE 0 END,"
            + " events, successes, failures FROM event_counts ORDER BY command, actor_id",
        List.of(),
        rs -> {
          int i = r.counts++;
          r.day.set(i, r.days.number(rs.getString(1)));
          r.week.set(i, r.texts.number(rs.getString(2)));
          r.tool.set(i, r.texts.number(rs.getString(3)));
          r.actor.set(i, r.actors.number(rs.getString(4)));
          r.command.set(i, r.texts.number(rs.getString(5)));
          r.subcommand.set(i, r.texts.number(rs.getString(6)));
          r.ci.set(i, rs.getInt(7));
          r.events.set(i, rs.getLong(8));
          r.successes.set(i, rs.getLong(9));
          r.failures.set(i, rs.getLong(10));
        });
    c.each(
        "SELECT day, tool, actor_id, error_type, events FROM error_counts"
            + " ORDER BY error_type, actor_id",
        List.of(),
        rs -> {
          int i = r.errors++;
          r.errorDay.set(i, r.days.number(rs.getString(1)));
          r.errorTool.set(i, r.texts.number(rs.getString(2)));
          r.errorActor.set(i, r.actors.number(rs.getString(3)));
          r.errorType.set(i, r.texts.number(rs.getString(4)));
          r.errorEvents.set(i, rs.getLong(5));
        });
    c.each(
        "SELECT start_day, tools, count(*) FROM sessions GROUP BY start_day, tools",
        List.of(),
        rs -> {
          int i = r.sessions++;
          r.sessionDay.set(i, r.days.number(rs.getString(1)));
          r.sessionTools.set(i, r.texts.number(rs.getString(2)));
          r.sessionCounts.set(i, rs.getLong(3));
        });
    return new EventDays(r);
  }

  /** {@link EventQueries#totals}: events, sessions, CI share and distinct actors. */
  Totals totals(ReportFilter filter) {
    int[] bounds = days.bounds(filter);
    int t = Columns.toolNumber(texts, filter);
    long sum = 0;
    long fromCi = 0;
    BitSet actors = new BitSet(actorCount);
    for (int i = 0; i < day.length; i++) {
      if (Columns.in(bounds, t, day[i], tool[i])) {
        sum += events[i];
        fromCi += ci[i] ? events[i] : 0;
        actors.set(actor[i]);
      }
    }
    String tools = filter.tool() == null ? null : " " + filter.tool() + " ";
    long sessions = 0;
    for (int i = 0; i < sessionDay.length; i++) {
      if (sessionDay[i] >= bounds[0]
          && sessionDay[i] <= bounds[1]
          && (tools == null || sessionTools[i].contains(tools))) {
        sessions += sessionCounts[i];
      }
    }
    return new Totals(sum, actors.cardinality(), sessions, Query.rate(fromCi, sum));
  }

  /** {@link EventQueries#failingCommands}. */
  List<FailingCommand> failingCommands(ReportFilter filter, int minActors, int limit) {
    int[] bounds = days.bounds(filter);
    int t = Columns.toolNumber(texts, filter);
    List<FailingCommand> out = new ArrayList<>();
    int i = 0;
    while (i < day.length) {
      // one command: each actor's failures, then the command's sums
      int c = command[i];
      long sumFailures = 0;
      long failing = 0;
      long sumEvents = 0;
      boolean seen = false;
      while (i < day.length && command[i] == c) {
        int a = actor[i];
        long actorFailures = 0;
        while (i < day.length && command[i] == c && actor[i] == a) {
          if (Columns.in(bounds, t, day[i], tool[i])) {
            seen = true;
            actorFailures += failures[i];
            sumEvents += events[i];
          }
          i++;
        }
        sumFailures += actorFailures;
        failing += actorFailures > 0 ? 1 : 0;
      }
      if (seen && sumFailures > 0 && failing >= minActors) {
        out.add(
            new FailingCommand(
                texts.values.get(c),
                sumFailures,
                failing,
                sumEvents,
                Query.rate(sumFailures, sumEvents)));
      }
    }
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
    int[] bounds = days.bounds(filter);
    int t = Columns.toolNumber(texts, filter);
    List<ErrorTypeCount> out = new ArrayList<>();
    int i = 0;
    while (i < errorDay.length) {
      int type = errorType[i];
      long total = 0;
      long actors = 0;
      while (i < errorDay.length && errorType[i] == type) {
        int a = errorActor[i];
        boolean seen = false;
        while (i < errorDay.length && errorType[i] == type && errorActor[i] == a) {
          if (Columns.in(bounds, t, errorDay[i], errorTool[i])) {
            seen = true;
            total += errorEvents[i];
          }
          i++;
        }
        actors += seen ? 1 : 0;
      }
      if (actors > 0 && actors >= minActors) {
        out.add(new ErrorTypeCount(texts.values.get(type), total, actors));
      }
    }
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
    String run = String.join(" ", options.elements());
    String prefix = run + " ";
    int[] bounds = days.bounds(filter);
    // whether each text, as a command or a subcommand, makes a row a run of the command
    boolean[] runs = new boolean[texts.values.size()];
    for (int n = 0; n < runs.length; n++) {
      String text = texts.values.get(n);
      runs[n] = text.equals(run) || text.startsWith(prefix);
    }
    boolean[] tools = new boolean[texts.values.size()];
    Integer first = texts.numbers.get(options.elements().get(0));
    if (first != null) {
      tools[first] = true;
    }
    for (int i = 0; i < day.length; i++) {
      if (Columns.in(bounds, -1, day[i], tool[i])
          && (options.includeCi() || !ci[i])
          && (runs[command[i]] || runs[subcommand[i]])) {
        tools[tool[i]] = true;
      }
    }
    Map<String, BitSet> actors = new TreeMap<>();
    Map<String, long[]> sums = new HashMap<>();
    for (int i = 0; i < day.length; i++) {
      if (Columns.in(bounds, -1, day[i], tool[i])
          && (options.includeCi() || !ci[i])
          && tools[tool[i]]) {
        String w = texts.values.get(week[i]);
        actors.computeIfAbsent(w, k -> new BitSet(actorCount)).set(actor[i]);
        long[] s = sums.computeIfAbsent(w, k -> new long[1]);
        if (runs[command[i]] || runs[subcommand[i]]) {
          s[0] += successes[i];
        }
      }
    }
    List<NsmWeek> all = new ArrayList<>();
    actors.forEach(
        (w, a) -> {
          long n = a.cardinality();
          if (n >= minActors) {
            long s = sums.get(w)[0];
            all.add(new NsmWeek(w, n, s, (double) s / n));
          }
        });
    return new ArrayList<>(all.subList(Math.max(0, all.size() - weeks), all.size()));
  }
}
