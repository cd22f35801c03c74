package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Print a report: summary, workflow NAME, hot-paths, nsm, versions, adoption or platforms.",
    subcommands = {
      ReportCommand.Summary.class,
      ReportCommand.Workflow.class,
      ReportCommand.HotPaths.class,
      ReportCommand.Nsm.class,
      ReportCommand.Versions.class,
      ReportCommand.Adoption.class,
      ReportCommand.Platforms.class
    })
final class ReportCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(),
        "name a report: summary, workflow NAME, hot-paths, nsm, versions, adoption or platforms");
  }

  /** Options every report takes. */
  static final class Common {
    @Mixin ServerOptions server;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--from", paramLabel = "DATE", description = "First day included (yyyy-mm-dd).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day included (yyyy-mm-dd).")
    String to;

    @Option(names = "--tool", paramLabel = "NAME", description = "Only this tool.")
    String tool;

    Map<String, Object> fetch(String path, Map<String, String> extra) {
      Map<String, String> query = new LinkedHashMap<>(extra);
      put(query, "from", from);
      put(query, "to", to);
      put(query, "tool", tool);
      StringBuilder url = new StringBuilder(path);
      char sep = '?';
      for (Map.Entry<String, String> q : query.entrySet()) {
        url.append(sep)
            .append(q.getKey())
            .append('=')
            .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
        sep = '&';
      }
      ApiClient.Answer answer = server.client().get(url.toString());
      if (answer.status() != 200) {
        throw new CliException("report failed: " + answer.problem());
      }
      return answer.object();
    }

    boolean print(Map<String, Object> report) {
      if (json) {
        System.out.println(Json.write(report));
      }
      return json;
    }

    private static void put(Map<String, String> q, String key, String value) {
      if (value != null && !value.isBlank()) {
        q.put(key, value);
      }
    }
  }

  static void printSummary(ApiClient client, boolean json) {
    ApiClient.Answer answer = client.get("/reports/summary");
    if (answer.status() != 200) {
      throw new CliException("report failed: " + answer.problem());
    }
    if (json) {
      System.out.println(Json.write(answer.object()));
    } else {
      System.out.print(ReportText.summary(answer.object()));
    }
  }

  @Command(
      name = "summary",
      mixinStandardHelpOptions = true,
      description = "Totals, workflows, failing commands, error types, hot paths, north star.")
  static final class Summary implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      Map<String, Object> r = common.fetch("/reports/summary", Map.of());
      if (!common.print(r)) {
        System.out.print(ReportText.summary(r));
      }
      return 0;
    }
  }

  @Command(
      name = "workflow",
      mixinStandardHelpOptions = true,
      description =
          "One workflow: outcomes, durations, versions, weeks, errors, hot paths, recovery.")
  static final class Workflow implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "Workflow name, e.g. apply_workflow.")
    String name;

    @Mixin Common common;

    @Override
    public Integer call() {
      Map<String, Object> r =
          common.fetch(
              "/reports/workflows/" + URLEncoder.encode(name, StandardCharsets.UTF_8), Map.of());
      if (!common.print(r)) {
        System.out.print(ReportText.workflow(r));
      }
      return 0;
    }
  }

  @Command(
      name = "hot-paths",
      mixinStandardHelpOptions = true,
      description = "Command sequences that lead to failure.")
  static final class HotPaths implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      Map<String, Object> r = common.fetch("/reports/hot-paths", Map.of());
      if (!common.print(r)) {
        System.out.print(ReportText.section("Failure hot paths", r.get("paths")));
      }
      return 0;
    }
  }

  @Command(
      name = "nsm",
      mixinStandardHelpOptions = true,
      description = "The north-star metric by ISO week.")
  static final class Nsm implements Callable<Integer> {
    @Mixin Common common;

    @Option(
        names = "--command",
        paramLabel = "CMD",
        description = "Command to count (default: the server's NSM_COMMAND).")
    String command;

    @Option(names = "--weeks", paramLabel = "N", description = "Weeks to show (default: 12).")
    int weeks = 12;

    @Override
    public Integer call() {
      Map<String, String> q = new LinkedHashMap<>();
      if (command != null) {
        q.put("command", command);
      }
      q.put("weeks", Integer.toString(weeks));
      Map<String, Object> r = common.fetch("/reports/nsm", q);
      if (!common.print(r)) {
        System.out.print(
            ReportText.section(
                "North star: successful " + r.get("command") + " runs per active developer",
                r.get("weeks")));
      }
      return 0;
    }
  }

  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = "Success rate by tool version, with significant drops flagged.")
  static final class Versions implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      Map<String, Object> r = common.fetch("/reports/versions", Map.of());
      if (!common.print(r)) {
        System.out.print(ReportText.versions(r));
      }
      return 0;
    }
  }

  static List<?> list(Object o) {
    return o instanceof List<?> l ? l : List.of();
  }

  @Command(
      name = "adoption",
      mixinStandardHelpOptions = true,
      description = "Active users by tool version, week by week.")
  static final class Adoption implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      Map<String, Object> r = common.fetch("/reports/adoption", Map.of());
      if (!common.print(r)) {
        System.out.print(ReportText.section("Active users by tool version", r.get("weeks")));
      }
      return 0;
    }
  }

  @Command(
      name = "platforms",
      mixinStandardHelpOptions = true,
      description = "Active users and runs by operating system, architecture and runtime.")
  static final class Platforms implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      Map<String, Object> r = common.fetch("/reports/platforms", Map.of());
      if (!common.print(r)) {
        System.out.print(
            ReportText.section("Operating systems and architectures", r.get("platforms"))
                + ReportText.section("Runtimes", r.get("runtimes")));
      }
      return 0;
    }
  }
}
