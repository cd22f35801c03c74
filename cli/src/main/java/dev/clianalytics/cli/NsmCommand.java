package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "nsm",
    mixinStandardHelpOptions = true,
    description = "Compute (aggregate) or upload the weekly north-star totals from FILE or URL.")
final class NsmCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("nsm", 5);
  }
}
