package dev.clianalytics.server.report;

import dev.clianalytics.core.nsm.NsmOptions;
import dev.clianalytics.core.nsm.NsmWeek;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The north-star metric (docs/reports.md) from the daily event counts, for any command: a run is a
 * count row whose command path, or path after the tool, starts with the command's words.
 */
final class NsmQueries {
  private NsmQueries() {}

  private static final String RUN =
      "(command = ? OR substr(command, 1, ?) = ? OR subcommand = ? OR substr(subcommand, 1, ?) = ?)";

  /** Weeks oldest first; at most {@code weeks} of the newest, hiding weeks under minActors. */
  static List<NsmWeek> weeks(
      SqlReads c, NsmOptions options, ReportFilter filter, int weeks, int minActors)
      throws SQLException {
    String command = String.join(" ", options.elements());
    ReportFilter.Sql dates = new ReportFilter(filter.from(), filter.to(), null).where("day", null);
    String ci = options.includeCi() ? "" : " AND NOT ci";
    List<Object> params = runParams(command);
    params.addAll(dates.params());
    Set<String> tools = new LinkedHashSet<>();
    tools.add(options.elements().get(0));
    tools.addAll(
        Query.list(
            c,
            "SELECT DISTINCT tool FROM event_counts WHERE " + RUN + ci + dates.text(),
            params,
            rs -> rs.getString(1)));
    List<Object> weekParams = runParams(command);
    weekParams.addAll(tools);
    weekParams.addAll(dates.params());
    weekParams.add(minActors);
    String in = "?" + ", ?".repeat(tools.size() - 1);
    List<NsmWeek> all =
        Query.list(
            c,
            "SELECT week, count(DISTINCT actor_id) AS a, sum(CASE WHEN "
                + RUN
                + " THEN successes ELSE 0 END) FROM event_counts WHERE tool IN ("
                + in
                + ")"
                + ci
                + dates.text()
                + " GROUP BY week HAVING count(DISTINCT actor_id) >= ? ORDER BY week",
            weekParams,
            rs ->
                new NsmWeek(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    (double) rs.getLong(3) / rs.getLong(2)));
    return new ArrayList<>(all.subList(Math.max(0, all.size() - weeks), all.size()));
  }

  private static List<Object> runParams(String command) {
    String prefix = command + " ";
    return Query.params(command, prefix.length(), prefix, command, prefix.length(), prefix);
  }
}
