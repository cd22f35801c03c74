package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "generate-sample",
    mixinStandardHelpOptions = true,
    description = "Write realistic, deterministic sample events (default events.jsonl).")
final class GenerateSampleCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("generate-sample", 5);
  }
}
