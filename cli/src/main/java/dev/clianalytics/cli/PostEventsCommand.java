package dev.clianalytics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "post-events",
    mixinStandardHelpOptions = true,
    description = "Send events from a JSON Lines, JSON array or gzip file to the server.")
final class PostEventsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return Pending.notYet("post-events", 5);
  }
}
