package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start an embedded server, load sample data, infer, print the summary, keep serving.")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("demo", 5);
  }
}
