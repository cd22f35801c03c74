package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply database migrations and exit.")
final class MigrateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("migrate", 3);
  }
}
