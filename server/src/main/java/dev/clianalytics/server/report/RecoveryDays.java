package dev.clianalytics.server.report;

import dev.clianalytics.core.recovery.Recovery;
import dev.clianalytics.core.recovery.RecoveryAnalysis;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The recovery rows ({@code session_recovery}, one per session and failing command) kept in memory,
 * summed per start day, tool, command and actor with their next commands counted and their recovery
 * times listed (in arrays: a few next commands each). Read once per generation of the derived
 * tables (by {@link KeptRows}), they answer recovery for any filter, which only narrows days and
 * tool, without reading the rows again (docs/server.md, "Uncached reports").
 *
 * <p>Kept only where {@link SqlReads#keepsRows()} and for at most {@link #MAX_ROWS} rows: beyond
 * that recovery reads the rows from the database for each filter, as before, with the same result.
 */
final class RecoveryDays {
  /** More rows than this are not kept: recovery then reads the database. */
  static final int MAX_ROWS = 100_000;

  /** The rows of one start day, tool, command and actor, summed. */
  private static final class Sum implements RecoveryAnalysis.Part {
    final String day;
    final String tool;
    final String command;
    final String actor;
    long failures;
    long recovered;

    /** The next commands and how often each followed, in the first {@code nextCount} places. */
    String[] nextCommands = NONE;

    long[] nextTimes = new long[0];
    int nextCount;
    long[] millis = new long[0];
    int millisCount;

    Sum(String day, String tool, String command, String actor) {
      this.day = day;
      this.tool = tool;
      this.command = command;
      this.actor = actor;
    }

    @Override
    public void next(String command, long times) {
      for (int i = 0; i < nextCount; i++) {
        if (nextCommands[i].equals(command)) {
          nextTimes[i] += times;
          return;
        }
      }
      if (nextCount == nextCommands.length) {
        nextCommands = Arrays.copyOf(nextCommands, Math.max(2, nextCount * 2));
        nextTimes = Arrays.copyOf(nextTimes, nextCommands.length);
      }
      nextCommands[nextCount] = command;
      nextTimes[nextCount++] = times;
    }

    @Override
    public void recoveryMillis(long value) {
      if (millisCount == millis.length) {
        millis = Arrays.copyOf(millis, Math.max(2, millisCount * 2));
      }
      millis[millisCount++] = value;
    }
  }

  private static final String[] NONE = {};

  private record Key(String day, String tool, String command, String actor) {}

  private final List<Sum> sums;

  private RecoveryDays(List<Sum> sums) {
    this.sums = sums;
  }

  /** The stored rows, or null when there are more than {@code maxRows} of them. */
  static RecoveryDays read(SqlReads c, int maxRows) throws SQLException {
    if (Query.moreRows(c, "session_recovery", maxRows)) {
      return null;
    }
    Map<String, String> texts = new HashMap<>();
    Map<Key, Sum> sums = new LinkedHashMap<>();
    c.each(
        "SELECT start_day, tool, command, actor_id, failures, recovered, next_commands,"
            + " recovery_ms FROM session_recovery",
        List.of(),
        rs -> {
          Key key =
              new Key(
                  shared(texts, rs.getString(1)),
                  shared(texts, rs.getString(2)),
                  shared(texts, rs.getString(3)),
                  shared(texts, rs.getString(4)));
          Sum sum =
              sums.computeIfAbsent(key, k -> new Sum(k.day(), k.tool(), k.command(), k.actor()));
          sum.failures += rs.getLong(5);
          sum.recovered += rs.getLong(6);
          PathQueries.next(rs.getString(7), sum);
          PathQueries.millis(rs.getString(8), sum);
        });
    return new RecoveryDays(List.copyOf(sums.values()));
  }

  /** One copy of each repeated text (days, tools, commands, actors), not one per row. */
  private static String shared(Map<String, String> texts, String text) {
    String known = texts.putIfAbsent(text, text);
    return known == null ? text : known;
  }

  /** {@link PathQueries#recovery}'s rows for {@code filter}. */
  List<RecoveryRow> rows(ReportFilter filter, int minActors, Predicate<String> keep) {
    ReportFilter.Rows in = filter.rows();
    RecoveryAnalysis.Merger merger = new RecoveryAnalysis.Merger();
    for (Sum s : sums) {
      if (!in.test(s.day, s.tool)) {
        continue;
      }
      RecoveryAnalysis.Part part = merger.add(s.command, s.actor, s.failures, s.recovered);
      for (int i = 0; i < s.nextCount; i++) {
        part.next(s.nextCommands[i], s.nextTimes[i]);
      }
      for (int i = 0; i < s.millisCount; i++) {
        part.recoveryMillis(s.millis[i]);
      }
    }
    List<RecoveryRow> rows = new ArrayList<>();
    for (Recovery r : merger.result(minActors)) {
      if (keep.test(r.command())) {
        rows.add(new RecoveryRow(r));
      }
    }
    return rows;
  }
}
