package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = "Run CMD with its arguments and record the run under the opt-in rules.")
final class ExecCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("exec", 6);
  }
}
