package dev.clianalytics.server.report;

import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.recovery.Recovery;
import dev.clianalytics.core.recovery.RecoveryAnalysis;
import dev.clianalytics.core.recovery.RecoveryCount;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
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
   */
  static List<HotPath> hotPaths(SqlReads c, ReportFilter filter, int minActors, int limit)
      throws SQLException {
    ReportFilter.Sql where = filter.where("day", "tool");
    Map<String, Long> actors = new HashMap<>();
    for (Object[] row :
        Query.list(
            c,
            "SELECT sequence, count(*) FROM (SELECT sequence, actor_id FROM path_actors"
                + " WHERE 1 = 1"
                + where.text()
                + " GROUP BY sequence, actor_id HAVING sum(failures) > 0) a GROUP BY sequence",
            where.params(),
            rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
      actors.put((String) row[0], (Long) row[1]);
    }
    List<HotPath> paths = new ArrayList<>();
    for (HotPath p :
        Query.list(
            c,
            "SELECT sequence, sum(failures), sum(occurrences) FROM path_totals WHERE 1 = 1"
                + where.text()
                + " GROUP BY sequence HAVING sum(failures) > 0",
            where.params(),
            rs ->
                new HotPath(
                    rs.getString(1) + "!",
                    rs.getLong(2),
                    actors.getOrDefault(rs.getString(1), 0L),
                    rs.getLong(3),
                    (double) rs.getLong(2) / rs.getLong(3)))) {
      if (p.actors() >= minActors) {
        paths.add(p);
      }
    }
    paths.sort(HotPaths.RANKING);
    return paths.subList(0, Math.min(limit, paths.size()));
  }

  /** Recovery rows of the failing commands {@code keep} accepts, most failures first. */
  static List<RecoveryRow> recovery(
      SqlReads c, ReportFilter filter, int minActors, Predicate<String> keep) throws SQLException {
    ReportFilter.Sql where = filter.where("start_day", "tool");
    List<RecoveryCount> counts =
        Query.list(
            c,
            "SELECT command, actor_id, failures, recovered, next_commands, recovery_ms"
                + " FROM session_recovery WHERE 1 = 1"
                + where.text(),
            where.params(),
            rs ->
                new RecoveryCount(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getLong(3),
                    next(rs.getString(5)),
                    rs.getLong(4),
                    millis(rs.getString(6))));
    List<RecoveryRow> rows = new ArrayList<>();
    for (Recovery r : RecoveryAnalysis.merge(counts)) {
      if (r.actors() >= minActors && keep.test(r.command())) {
        rows.add(new RecoveryRow(r));
      }
    }
    return rows;
  }

  private static Map<String, Long> next(String encoded) {
    Map<String, Long> next = new HashMap<>();
    for (String line : encoded.split("\n")) {
      int tab = line.lastIndexOf('\t');
      if (tab > 0) {
        next.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
      }
    }
    return next;
  }

  private static List<Long> millis(String encoded) {
    if (encoded.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(encoded.split(",")).map(Long::valueOf).toList();
  }
}
