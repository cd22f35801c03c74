package dev.clianalytics.server.report;

import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.recovery.Recovery;
import dev.clianalytics.core.recovery.RecoveryAnalysis;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Failure hot paths and recovery, merged from the per-session rows. */
final class PathQueries {
  private PathQueries() {}

  /**
   * Ranked paths (docs/reports.md), hiding those from fewer than {@code minActors} actors. Reads
   * the per-day totals, not the per-session rows they sum.
   *
   * <p>Only the rows with failures are summed for the ranking: most sequences never fail, and
   * summing every sequence's occurrences was most of the report's time on PostgreSQL. Occurrences
   * and distinct actors are then counted only for the paths that can make the list: the paths
   * ranked by failures, {@code limit} at a time with every path tied with the last of them (a path
   * with fewer failures ranks below all of these whatever its actors), until {@code limit} paths
   * have enough actors.
   */
  static List<HotPath> hotPaths(SqlReads c, ReportFilter filter, int minActors, int limit)
      throws SQLException {
    ReportFilter.Sql where = filter.where("day", "tool");
    // Rows hold sums that may be negative (a recomputed session subtracts its old contribution), so
    // the rows left out are those with no failures, not those with fewer than one.
    List<PathTotal> totals =
        new ArrayList<>(
            Query.list(
                c,
                "SELECT sequence, sum(failures) FROM path_totals WHERE failures <> 0"
                    + where.text()
                    + " GROUP BY sequence HAVING sum(failures) > 0",
                where.params(),
                rs -> new PathTotal(rs.getString(1), rs.getLong(2))));
    totals.sort(Comparator.comparingLong(PathTotal::failures).reversed());
    List<HotPath> paths = new ArrayList<>();
    int next = 0;
    while (paths.size() < limit && next < totals.size()) {
      int end = Math.min(next + limit, totals.size());
      while (end < totals.size() && totals.get(end).failures() == totals.get(end - 1).failures()) {
        end++;
      }
      List<PathTotal> candidates = totals.subList(next, end);
      Map<String, Long> actors =
          perSequence(
              c,
              "SELECT sequence, count(*) FROM (SELECT sequence, actor_id FROM path_actors"
                  + " WHERE 1 = 1",
              where,
              candidates,
              " GROUP BY sequence, actor_id HAVING sum(failures) > 0) a GROUP BY sequence");
      Map<String, Long> occurrences = null;
      for (PathTotal t : candidates) {
        long a = actors.getOrDefault(t.sequence(), 0L);
        if (a >= minActors) {
          if (occurrences == null) {
            occurrences =
                perSequence(
                    c,
                    "SELECT sequence, sum(occurrences) FROM path_totals WHERE 1 = 1",
                    where,
                    candidates,
                    " GROUP BY sequence");
          }
          // absent only if the derived tables changed between the two statements, which reads
          // on ClickHouse (no snapshot) do not rule out
          Long n = occurrences.get(t.sequence());
          if (n != null) {
            paths.add(
                new HotPath(t.sequence() + "!", t.failures(), a, n, (double) t.failures() / n));
          }
        }
      }
      next = end;
    }
    paths.sort(HotPaths.RANKING);
    return paths.subList(0, Math.min(limit, paths.size()));
  }

  /** A failing sequence's summed daily failures. */
  private record PathTotal(String sequence, long failures) {}

  /**
   * One number per sequence of {@code paths}: {@code select} and {@code where}, restricted to those
   * sequences, then {@code group}.
   */
  private static Map<String, Long> perSequence(
      SqlReads c, String select, ReportFilter.Sql where, List<PathTotal> paths, String group)
      throws SQLException {
    List<Object> params = Query.params();
    params.addAll(where.params());
    paths.forEach(p -> params.add(p.sequence()));
    Map<String, Long> out = new HashMap<>();
    Query.list(
            c,
            select
                + where.text()
                + " AND sequence IN (?"
                + ", ?".repeat(paths.size() - 1)
                + ")"
                + group,
            params,
            rs -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * Recovery rows of the failing commands {@code keep} accepts, most failures first. The stored
   * rows (one per session and failing command) are first summed per command and actor in the
   * database where that is cheaper ({@link SqlReads#sumsBeforeReading()}), their next commands and
   * recovery times joined; each row read then goes straight into the merge, its next commands and
   * recovery times parsed in place.
   */
  static List<RecoveryRow> recovery(
      SqlReads c, ReportFilter filter, int minActors, Predicate<String> keep) throws SQLException {
    ReportFilter.Sql where = filter.where("start_day", "tool");
    RecoveryAnalysis.Merger merger = new RecoveryAnalysis.Merger();
    Query.list(
        c,
        c.sumsBeforeReading()
            ? "SELECT command, actor_id, sum(failures), sum(recovered), "
                + c.joined("next_commands", '\n')
                + ", "
                + c.joined("recovery_ms", ',')
                + " FROM session_recovery WHERE 1 = 1"
                + where.text()
                + " GROUP BY command, actor_id"
            : "SELECT command, actor_id, failures, recovered, next_commands, recovery_ms"
                + " FROM session_recovery WHERE 1 = 1"
                + where.text(),
        where.params(),
        rs -> {
          RecoveryAnalysis.Part part =
              merger.add(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
          next(rs.getString(5), part);
          millis(rs.getString(6), part);
          return null;
        });
    List<RecoveryRow> rows = new ArrayList<>();
    for (Recovery r : merger.result(minActors)) {
      if (keep.test(r.command())) {
        rows.add(new RecoveryRow(r));
      }
    }
    return rows;
  }

  /** Lines of {@code command<TAB>count}. */
  static void next(String encoded, RecoveryAnalysis.Part part) {
    split(
        encoded,
        '\n',
        (start, end) -> {
          int tab = encoded.lastIndexOf('\t', end - 1);
          if (tab > start) {
            part.next(encoded.substring(start, tab), Long.parseLong(encoded, tab + 1, end, 10));
          }
        });
  }

  /** Milliseconds separated by commas; a session without recoveries adds an empty item. */
  static void millis(String encoded, RecoveryAnalysis.Part part) {
    split(
        encoded,
        ',',
        (start, end) -> {
          if (end > start) {
            part.recoveryMillis(Long.parseLong(encoded, start, end, 10));
          }
        });
  }

  /** An item of a separated text, by its bounds. */
  @FunctionalInterface
  private interface Item {
    void accept(int start, int end);
  }

  /** Calls {@code item} with the bounds of each item of {@code encoded} between separators. */
  private static void split(String encoded, char separator, Item item) {
    int start = 0;
    while (start < encoded.length()) {
      int end = encoded.indexOf(separator, start);
      if (end < 0) {
        end = encoded.length();
      }
      item.accept(start, end);
      start = end + 1;
    }
  }
}
