package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = "Run incremental inference on the server now.")
final class InferCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("infer", 5);
  }
}
