package dev.clianalytics.server.report;

import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.server.report.Columns.Days;
import dev.clianalytics.server.report.Columns.Ints;
import dev.clianalytics.server.report.Columns.Longs;
import dev.clianalytics.server.report.Columns.Texts;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows behind the failure hot paths kept in memory: per day, tool and sequence the failures and
 * occurrences of every sequence that failed at least once ({@code path_totals}), and per day, tool,
 * sequence and actor the failures ({@code path_actors}), each summed per key. Read once per
 * generation of the derived tables (by {@link KeptRows}), they answer the hot paths of any filter,
 * which only narrows days and tool, without reading the rows again (docs/server.md, "Uncached
 * reports"). Rows are columns of numbers sorted by sequence (and actor), so a filter is one pass.
 *
 * <p>Kept only where {@link SqlReads#keepsRows()} and for at most {@link #MAX_ROWS} rows of each
 * table: beyond that the hot paths read the database for each filter, as before, with the same
 * result as {@link PathQueries#hotPaths}.
 */
final class PathDays {
  /** More rows than this in either table are not kept: the hot paths then read the database. */
  static final int MAX_ROWS = 300_000;

  /** Failing sequences' totals, sorted by sequence. */
  private final int[] day;

  private final int[] tool;
  private final int[] sequence;
  private final long[] failures;
  private final long[] occurrences;

  /** Failures per actor, sorted by sequence, then actor. */
  private final int[] actorDay;

  private final int[] actorTool;
  private final int[] actorSequence;
  private final int[] actor;
  private final long[] actorFailures;

  private final Days days;
  private final Texts texts;

  private PathDays(Reader r) {
    days = new Days(r.days);
    texts = r.texts;
    int[] rank = days.rankOf;
    day = r.day.done(r.totals, rank);
    tool = r.tool.done(r.totals, null);
    sequence = r.sequence.done(r.totals, null);
    failures = r.failures.done(r.totals);
    occurrences = r.occurrences.done(r.totals);
    actorDay = r.actorDay.done(r.actors, rank);
    actorTool = r.actorTool.done(r.actors, null);
    actorSequence = r.actorSequence.done(r.actors, null);
    actor = r.actor.done(r.actors, null);
    actorFailures = r.actorFailures.done(r.actors);
  }

  /** The rows as read, as columns of numbers. */
  private static final class Reader {
    final Texts days = new Texts();
    final Texts texts = new Texts();
    final Texts actorIds = new Texts();
    int totals;
    final Ints day = new Ints();
    final Ints tool = new Ints();
    final Ints sequence = new Ints();
    final Longs failures = new Longs();
    final Longs occurrences = new Longs();
    int actors;
    final Ints actorDay = new Ints();
    final Ints actorTool = new Ints();
    final Ints actorSequence = new Ints();
    final Ints actor = new Ints();
    final Longs actorFailures = new Longs();
  }

  /** The stored rows, or null when either table has more than {@code maxRows} rows. */
  static PathDays read(SqlReads c, int maxRows) throws SQLException {
    if (Query.moreRows(c, "path_totals", maxRows) || Query.moreRows(c, "path_actors", maxRows)) {
      return null;
    }
    Reader r = new Reader();
    // rows hold sums that may be negative (a recomputed session subtracts its old contribution):
    // summed per key, and only sequences with a failure somewhere can be hot paths
    c.each(
        "SELECT day, tool, sequence, sum(failures), sum(occurrences) FROM path_totals"
            + " WHERE sequence IN (SELECT sequence FROM path_totals WHERE failures <> 0)"
            + " GROUP BY day, tool, sequence ORDER BY sequence",
        List.of(),
        rs -> {
          int i = r.totals++;
          r.day.set(i, r.days.number(rs.getString(1)));
          r.tool.set(i, r.texts.number(rs.getString(2)));
          r.sequence.set(i, r.texts.number(rs.getString(3)));
          r.failures.set(i, rs.getLong(4));
          r.occurrences.set(i, rs.getLong(5));
        });
    c.each(
        "SELECT day, tool, sequence, actor_id, sum(failures) FROM path_actors"
            + " GROUP BY day, tool, sequence, actor_id HAVING sum(failures) <> 0"
            + " ORDER BY sequence, actor_id",
        List.of(),
        rs -> {
          int i = r.actors++;
          r.actorDay.set(i, r.days.number(rs.getString(1)));
          r.actorTool.set(i, r.texts.number(rs.getString(2)));
          r.actorSequence.set(i, r.texts.number(rs.getString(3)));
          r.actor.set(i, r.actorIds.number(rs.getString(4)));
          r.actorFailures.set(i, rs.getLong(5));
        });
    return new PathDays(r);
  }

  /**
   * {@link PathQueries#hotPaths}: the paths with failures, enough actors, ranked, at most limit.
   */
  List<HotPath> hotPaths(ReportFilter filter, int minActors, int limit) {
    int[] bounds = days.bounds(filter);
    int t = Columns.toolNumber(texts, filter);
    // per sequence, the actors whose failures in the filter sum above zero
    long[] failingActors = new long[texts.values.size()];
    int i = 0;
    while (i < actorDay.length) {
      int s = actorSequence[i];
      while (i < actorDay.length && actorSequence[i] == s) {
        int a = actor[i];
        long sum = 0;
        while (i < actorDay.length && actorSequence[i] == s && actor[i] == a) {
          if (Columns.in(bounds, t, actorDay[i], actorTool[i])) {
            sum += actorFailures[i];
          }
          i++;
        }
        failingActors[s] += sum > 0 ? 1 : 0;
      }
    }
    List<HotPath> paths = new ArrayList<>();
    i = 0;
    while (i < day.length) {
      int s = sequence[i];
      long f = 0;
      long n = 0;
      while (i < day.length && sequence[i] == s) {
        if (Columns.in(bounds, t, day[i], tool[i])) {
          f += failures[i];
          n += occurrences[i];
        }
        i++;
      }
      if (f > 0 && failingActors[s] >= minActors) {
        paths.add(new HotPath(texts.values.get(s) + "!", f, failingActors[s], n, (double) f / n));
      }
    }
    paths.sort(HotPaths.RANKING);
    return new ArrayList<>(paths.subList(0, Math.min(limit, paths.size())));
  }
}
