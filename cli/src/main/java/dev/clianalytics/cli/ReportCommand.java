package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Print a report: summary, workflow NAME, hot-paths, nsm or versions.")
final class ReportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("report", 5);
  }
}
