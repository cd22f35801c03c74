package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the analytics server (embedded DuckDB unless DATABASE_URL is set).")
final class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("serve", 3);
  }
}
