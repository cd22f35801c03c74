package dev.clianalytics.core.nsm;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.workflow.Commands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The north-star metric (docs/reports.md): successful runs of a command per active developer per
 * ISO week. An event is a run when its command path starts with the command's elements (so {@code
 * ai-do} matches the tool) or its path after the tool does; a run with exit code 0 is successful.
 * Active developers are distinct actors with at least one event of the command's tool (the
 * command's first element, and the tool of any event matched after the tool) in the week. CI events
 * count toward neither unless {@code includeCi}. Feed events in any order with {@link #add}; memory
 * is one counter per developer, week and tool.
 */
public final class NorthStar {
  private final NsmOptions options;
  private final List<String> elements;
  private final Map<Key, long[]> counts = new HashMap<>();
  private final Set<String> tools = new HashSet<>();
  private final Set<UUID> seenIds = new HashSet<>();

  private record Key(String developer, String week, String tool) {}

  /** An empty aggregation for these options. */
  public NorthStar(NsmOptions options) {
    this.options = options;
    this.elements = options.elements();
    tools.add(elements.get(0));
  }

  /** Counts one event; a repeated {@code event_id} counts once. */
  public void add(Event event) {
    if (event.ciDetected() && !options.includeCi()
        || event.eventId() != null && !seenIds.add(event.eventId())) {
      return;
    }
    boolean run =
        Commands.startsWith(event.commandPath(), elements)
            || Commands.startsWith(Commands.subcommand(event), elements);
    String tool = Commands.tool(event);
    if (run) {
      tools.add(tool);
    }
    long[] count =
        counts.computeIfAbsent(
            new Key(event.actorId(), IsoWeeks.of(event.timestamp()), tool), k -> new long[2]);
    count[0]++;
    if (run && event.exitCode() == 0) {
      count[1]++;
    }
  }

  /** Active developers' weeks, by week then developer. */
  public List<DeveloperWeek> developerWeeks() {
    Map<List<String>, long[]> byDeveloperWeek = new HashMap<>();
    counts.forEach(
        (key, count) -> {
          if (tools.contains(key.tool())) {
            long[] sum =
                byDeveloperWeek.computeIfAbsent(
                    List.of(key.developer(), key.week()), k -> new long[2]);
            sum[0] += count[0];
            sum[1] += count[1];
          }
        });
    List<DeveloperWeek> rows = new ArrayList<>();
    byDeveloperWeek.forEach(
        (k, sum) -> rows.add(new DeveloperWeek(k.get(0), k.get(1), sum[1], sum[0])));
    rows.sort(Comparator.comparing(DeveloperWeek::week).thenComparing(DeveloperWeek::developer));
    return rows;
  }

  /** The weekly series, oldest week first. */
  public List<NsmWeek> weeks() {
    return weeks(developerWeeks());
  }

  /** The weekly series from developer-week rows (e.g. stored ones), oldest week first. */
  public static List<NsmWeek> weeks(Iterable<DeveloperWeek> rows) {
    Map<String, long[]> byWeek = new TreeMap<>();
    for (DeveloperWeek row : rows) {
      long[] sum = byWeek.computeIfAbsent(row.week(), w -> new long[2]);
      sum[0]++;
      sum[1] += row.successfulRuns();
    }
    List<NsmWeek> weeks = new ArrayList<>();
    byWeek.forEach(
        (week, sum) -> weeks.add(new NsmWeek(week, sum[0], sum[1], (double) sum[1] / sum[0])));
    return weeks;
  }

  /**
   * The document {@code cli-analytics nsm aggregate} prints and {@code nsm upload} posts: {@code
   * {"type": "nsm_weekly_totals", "command", "include_ci", "weeks": [...], "developers": [...]}}.
   */
  public Map<String, Object> toJson() {
    List<DeveloperWeek> rows = developerWeeks();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "nsm_weekly_totals");
    json.put("command", options.command());
    json.put("include_ci", options.includeCi());
    json.put("weeks", weeks(rows).stream().map(NsmWeek::toJson).toList());
    json.put("developers", rows.stream().map(DeveloperWeek::toJson).toList());
    return json;
  }
}
